import type { PortableFlow } from "../portable";
import { cmd, end, md, procedure, ps, section, step, variable } from "./build";

export const fslogixProfileUpdate: PortableFlow = {
  name: "FSLogix profile update",
  description:
    "Planned maintenance of FSLogix profile containers on Azure Virtual Desktop or RDS: check container and agent health, find and compact oversized VHDX files (built-in compaction, Invoke-FslShrinkDisk, frx), update the FSLogix agent on a drained session host, test sign-in with a pilot user, and keep a tested rollback plan.",
  type: "procedural",
  category: "VDI",
  tags: ["fslogix", "avd", "rds", "vdi", "profiles", "vhdx"],
  visibility: "public",
  variables: [
    variable("session_host", "Session host", "hostname", "The AVD/RDS session host being updated, e.g. avd-sh-01.", { required: true }),
    variable("profile_share", "Profile share (UNC)", "text", "Where the profile containers live, e.g. \\\\fs01\\FSLogixProfiles or \\\\storageacct.file.core.windows.net\\profiles.", { required: true }),
    variable("file_server", "File server", "hostname", "Windows server hosting the share (for open-file checks). Leave empty for Azure Files."),
    variable("test_user", "Pilot user", "text", "sAMAccountName of a test or pilot user whose profile is used for the sign-in test, e.g. avd.pilot."),
    variable("affected_user", "User whose container needs work", "text", "sAMAccountName of a user whose container is full or must be restored (FSLogix names the file Profile_<user>.vhdx)."),
    variable("fslogix_installer", "New FSLogix installer", "text", "Path to FSLogixAppsSetup.exe (x64) extracted from the release zip (https://aka.ms/fslogix_download), e.g. \\\\fs01\\Software\\FSLogix\\25.x\\x64\\Release\\FSLogixAppsSetup.exe."),
    variable("previous_installer", "Current (rollback) FSLogix installer", "text", "Path to the installer of the version running today, kept for rollback."),
    variable("host_pool", "AVD host pool", "text", "Azure Virtual Desktop host pool name (AVD only)."),
    variable("resource_group", "AVD resource group", "text", "Resource group of the host pool (AVD only)."),
  ],
  structure: procedure(
    section("sec-fsl-prepare", "Prepare"),
    step("s-fsl-plan", "Plan the window and read the release notes", {
      type: "information",
      description: md(
        "- Read the FSLogix **release notes** for the target version: default changes (e.g. compaction, Cloud Cache, ODFC behaviour) and known issues.",
        "- If session hosts are built from a **golden image**, update the image and redeploy the hosts instead of patching them one by one; use this flow on one host to validate the image change.",
        "- Agree a window: updating the agent needs a reboot and the host must have **no user sessions**.",
        "- Make sure a recent backup/snapshot of the profile share exists (Azure Files share snapshot, VSS, backup job).",
      ),
      expected: "Window agreed, release notes read, backup of the profile share confirmed.",
    }),
    step("s-fsl-baseline", "Record the current FSLogix version and configuration", {
      type: "verification",
      description: "Record the agent version and the profile settings on **[VAR:session_host]** so you can compare after the update and roll back to the same state.",
      commands: [
        ps(
          `
          Invoke-Command -ComputerName '[VAR:session_host]' -ScriptBlock {
            (Get-Item "$env:ProgramFiles\\FSLogix\\Apps\\frx.exe").VersionInfo | Select-Object ProductVersion, FileVersion
            Get-ItemProperty -Path 'HKLM:\\SOFTWARE\\FSLogix\\Profiles' | Select-Object Enabled, VHDLocations, CCDLocations, VolumeType, SizeInMBs, IsDynamic, VHDCompactDisk, FlipFlopProfileDirectoryName, DeleteLocalProfileWhenVHDShouldApply
          }
          `,
          "Agent version and profile settings",
        ),
      ],
      expected: "Version and settings copied into the session notes.",
    }),
    section("sec-fsl-health", "Profile container health"),
    step("s-fsl-services", "Check FSLogix services, filter drivers and recent errors", {
      type: "verification",
      description: md(
        "Healthy hosts have the **frxsvc** service running and the **frxdrv/frxdrvvt** filter drivers loaded. The *FSLogix-Apps/Operational* log records attach failures (locked VHDX, access denied, out of space) and temporary/local profiles.",
        "",
        "Detailed logs: `%ProgramData%\\FSLogix\\Logs\\Profile`.",
      ),
      commands: [
        ps(
          `
          Invoke-Command -ComputerName '[VAR:session_host]' -ScriptBlock {
            Get-Service -Name frxsvc, frxccds -ErrorAction SilentlyContinue | Select-Object Name, Status, StartType
            fltmc filters | Select-String -Pattern 'frx'
            Get-WinEvent -LogName 'Microsoft-FSLogix-Apps/Operational' -MaxEvents 200 -ErrorAction SilentlyContinue |
              Where-Object LevelDisplayName -in 'Error', 'Warning' | Select-Object -First 20 TimeCreated, Id, LevelDisplayName, Message | Format-List
          }
          `,
          "Services, drivers and FSLogix errors",
        ),
      ],
      expected: "frxsvc Running, frx drivers listed, no recurring attach errors.",
    }),
    step("s-fsl-sizes", "Find the largest containers and check free space on the share", {
      type: "verification",
      description: md(
        "Large containers slow down sign-in and fill the share. Compare each VHDX with the configured maximum (`SizeInMBs`, default 30 GB): a container near its maximum will make the user's profile run out of space.",
        "",
        "Also check the share's free space/quota (Azure Files: the quota in the portal).",
      ),
      commands: [
        ps(
          `
          Get-ChildItem -Path '[VAR:profile_share]' -Recurse -File -Include *.vhd, *.vhdx -ErrorAction SilentlyContinue |
            Select-Object @{n='Folder';e={$_.Directory.Name}}, Name, @{n='SizeGB';e={[math]::Round($_.Length / 1GB, 2)}}, LastWriteTime |
            Sort-Object SizeGB -Descending | Select-Object -First 25 | Format-Table -AutoSize
          `,
          "25 largest containers",
        ),
        ps(
          `
          $all = Get-ChildItem -Path '[VAR:profile_share]' -Recurse -File -Include *.vhd, *.vhdx -ErrorAction SilentlyContinue
          '{0} containers, {1:N1} GB in total' -f $all.Count, (($all | Measure-Object -Property Length -Sum).Sum / 1GB)
          `,
          "Totals",
        ),
      ],
      expected: "A list of oversized containers (candidates for compaction) and enough free space on the share.",
    }),
    step("s-fsl-locks", "Check which containers are in use", {
      type: "verification",
      description: "A VHDX that is attached to a session is locked; it can't be compacted or copied consistently. Compaction and rollback steps only touch containers of signed-out users. For Azure Files, list open handles in the portal (file share > *Handles*) or with `Get-AzStorageFileHandle`.",
      commands: [
        ps(
          `Get-SmbOpenFile -CimSession '[VAR:file_server]' | Where-Object Path -match '\\.vhdx?$' | Select-Object ClientComputerName, ClientUserName, Path | Sort-Object Path`,
          "Open containers on a Windows file server",
        ),
      ],
      expected: "You know which users are signed in; their containers are excluded from compaction.",
    }),
    section("sec-fsl-compact", "Compact oversized containers"),
    step("s-fsl-builtin-compaction", "Check built-in VHD disk compaction is working", {
      type: "verification",
      description: md(
        "FSLogix 2210 and later compact containers **automatically at sign-out** when at least 20% of the used size can be reclaimed (`VHDCompactDisk`, enabled by default). It silently does nothing when the **Optimize Drives** service (defragsvc) is *Disabled* (common in hardened images) or the disk is fixed-size.",
        "",
        "If compaction works, most containers will shrink at the next sign-out and manual compaction is only needed for a few outliers.",
      ),
      commands: [
        ps(
          `
          Invoke-Command -ComputerName '[VAR:session_host]' -ScriptBlock {
            Get-ItemProperty -Path 'HKLM:\\SOFTWARE\\FSLogix\\Profiles' -Name VHDCompactDisk -ErrorAction SilentlyContinue | Select-Object VHDCompactDisk
            Get-Service -Name defragsvc | Select-Object Name, Status, StartType
          }
          `,
          "Compaction setting and Optimize Drives service",
        ),
      ],
      expected: "VHDCompactDisk is 1 or not set (default on), defragsvc StartType Manual or Automatic.",
    }),
    step("s-fsl-backup-containers", "Back up the containers you will compact", {
      type: "warning",
      description: md(
        "**Check first:** compaction rewrites the VHDX. An interrupted run (network drop, reboot) can corrupt a container and the user loses their profile. Only compact containers of **signed-out** users, out of hours, and copy them first.",
        "",
        "The command copies each container larger than 15 GB to a backup folder next to it (needs free space of the same size). Adjust the size threshold to the list you made.",
      ),
      commands: [
        ps(
          `
          Get-ChildItem -Path '[VAR:profile_share]' -Recurse -File -Include *.vhdx |
            Where-Object { $_.Length -gt 15GB -and $_.DirectoryName -notmatch '\\\\_backup$' } | ForEach-Object {
              $target = Join-Path $_.DirectoryName '_backup'
              New-Item -ItemType Directory -Path $target -Force | Out-Null
              Copy-Item -Path $_.FullName -Destination $target -ErrorAction Stop
              "Backed up $($_.FullName)"
            }
          `,
          "Copy large containers to _backup folders",
        ),
      ],
      expected: "A copy of each container that will be compacted.",
    }),
    step("s-fsl-shrink", "Compact with Invoke-FslShrinkDisk", {
      description: md(
        "`Invoke-FslShrinkDisk.ps1` (FSLogix GitHub, by Jim Moyle) mounts each dynamic VHDX, shrinks the partition and the disk, and **skips locked (in-use) disks** automatically. Run it elevated, out of hours, from a management server close to the storage; it is storage-intensive.",
        "",
        "- `-IgnoreLessThanGB 5` leaves small disks alone; `-RatioFreeSpace 0.2` only processes disks with at least 20% reclaimable space.",
        "- Do **not** use `-DeleteOlderThanDays` unless the deletion of stale profiles is approved — it deletes permanently.",
        "",
        "Review the CSV log: `Success`, `Ignored`, `DiskLocked` are fine; any *Failed* state needs the backup restored.",
      ),
      commands: [
        ps(
          `
          Invoke-WebRequest -Uri 'https://raw.githubusercontent.com/FSLogix/Invoke-FslShrinkDisk/master/Invoke-FslShrinkDisk.ps1' -OutFile "$env:TEMP\\Invoke-FslShrinkDisk.ps1" -UseBasicParsing
          & "$env:TEMP\\Invoke-FslShrinkDisk.ps1" -Path '[VAR:profile_share]' -Recurse -IgnoreLessThanGB 5 -RatioFreeSpace 0.2 -ThrottleLimit 4 -LogFilePath "$env:TEMP\\FslShrinkDisk-$(Get-Date -Format yyyyMMdd).csv" -PassThru |
            Format-Table Name, DiskState, OriginalSizeGB, FinalSizeGB, SpaceSavedGB -AutoSize
          `,
          "Download and run Invoke-FslShrinkDisk",
        ),
      ],
      expected: "Containers shrunk (SpaceSavedGB > 0); no error states in the log.",
    }),
    step("s-fsl-frx-resize", "Only if a user's container is full: enlarge it with frx", {
      type: "warning",
      description: md(
        "When **[VAR:affected_user]**'s container is at its maximum size (profile errors, \"disk full\" in the user's session), compaction will not help — the disk needs a larger maximum. `frx migrate-vhd` copies it into a new, larger dynamic VHDX.",
        "",
        "**Check first:** the user is signed out everywhere, you have a backup, and there is free space for the copy. Then swap the files (rename the original to `.old`, give the new one the original name) and test the user's sign-in. Also raise `SizeInMBs` so new containers get the larger size.",
        "",
        "Run elevated on a machine with FSLogix installed (e.g. a drained session host). Set **[VAR:affected_user]** to the user whose container is full.",
      ),
      commands: [
        ps(
          `
          $vhdx = Get-ChildItem -Path '[VAR:profile_share]' -Recurse -Filter 'Profile_[VAR:affected_user].vhdx' | Where-Object DirectoryName -notmatch '_backup$' | Select-Object -First 1
          $vhdx | Select-Object FullName, @{n='SizeGB';e={[math]::Round($_.Length / 1GB, 2)}}
          & "$env:ProgramFiles\\FSLogix\\Apps\\frx.exe" migrate-vhd -src $vhdx.FullName -dest ($vhdx.FullName -replace '\\.vhdx$', '_new.vhdx') -size-mbs=51200 -dynamic=1
          `,
          "Copy the user's container into a 50 GB dynamic VHDX",
        ),
      ],
      expected: "A new, larger container the user signs in to successfully; the old one kept as .old until confirmed.",
    }),
    section("sec-fsl-update", "Update the FSLogix agent"),
    step("s-fsl-drain", "Drain the session host and wait for sessions to end", {
      description: md(
        "Stop new sign-ins on **[VAR:session_host]**, notify signed-in users, and wait for (or log off) their sessions. Profiles must be detached before the agent is replaced.",
      ),
      commands: [
        ps(
          `Update-AzWvdSessionHost -ResourceGroupName '[VAR:resource_group]' -HostPoolName '[VAR:host_pool]' -Name '[VAR:session_host]' -AllowNewSession:$false`,
          "AVD: drain mode (Az.DesktopVirtualization; use the host's name as shown in the host pool, usually the FQDN)",
        ),
        ps(`Invoke-Command -ComputerName '[VAR:session_host]' -ScriptBlock { chglogon /drain }`, "RDS: block new logons (existing sessions stay)"),
        cmd(`quser /server:[VAR:session_host]`, "Who is still signed in?"),
        cmd(`msg * /server:[VAR:session_host] /time:900 "Maintenance: please save your work and sign out within 15 minutes."`, "Warn signed-in users"),
      ],
      expected: "No sessions left on the host.",
    }),
    step("s-fsl-install", "Install the new FSLogix version and reboot", {
      description: md(
        "The installer upgrades in place and keeps the registry configuration. It needs a **reboot** to load the new drivers.",
        "",
        "Run from an admin workstation (copies the installer locally first, because the remote session cannot read a network path without credential delegation).",
      ),
      commands: [
        ps(
          `
          $session = New-PSSession -ComputerName '[VAR:session_host]'
          Copy-Item -Path '[VAR:fslogix_installer]' -Destination 'C:\\Windows\\Temp\\FSLogixAppsSetup.exe' -ToSession $session
          Invoke-Command -Session $session -ScriptBlock {
            $p = Start-Process -FilePath 'C:\\Windows\\Temp\\FSLogixAppsSetup.exe' -ArgumentList '/install', '/quiet', '/norestart' -Wait -PassThru
            "Installer exit code: $($p.ExitCode)"
          }
          Remove-PSSession $session
          `,
          "Install quietly (exit code 0 or 3010 = success)",
        ),
        ps(`Restart-Computer -ComputerName '[VAR:session_host]' -Wait -For PowerShell -Timeout 900 -Force`, "Reboot and wait"),
      ],
      expected: "Exit code 0 or 3010; the host is back online.",
    }),
    step("s-fsl-verify-version", "Verify the new version and settings", {
      type: "verification",
      description: "Compare with the baseline: the version is the new one, the service runs, and the profile settings are unchanged.",
      commands: [
        ps(
          `
          Invoke-Command -ComputerName '[VAR:session_host]' -ScriptBlock {
            (Get-Item "$env:ProgramFiles\\FSLogix\\Apps\\frx.exe").VersionInfo.ProductVersion
            Get-Service -Name frxsvc | Select-Object Name, Status
            Get-ItemProperty -Path 'HKLM:\\SOFTWARE\\FSLogix\\Profiles' | Select-Object Enabled, VHDLocations, CCDLocations, VolumeType, SizeInMBs
          }
          `,
          "Version, service and settings",
        ),
      ],
      expected: "New version reported, frxsvc Running, settings identical to the baseline.",
    }),
    section("sec-fsl-test", "Test"),
    step("s-fsl-test-login", "Test sign-in with the pilot user", {
      type: "verification",
      description: md(
        "Sign in to **[VAR:session_host]** as **[VAR:test_user]** (for AVD, temporarily assign the pilot to this host or use a validation host pool) and check:",
        "",
        "- Sign-in time is normal and there is **no temporary profile** warning.",
        "- Desktop, documents, Outlook (cached mail/OST in the container), Teams and OneDrive work.",
        "- `frx list-redirects` shows the profile redirection, and the FSLogix log shows a successful attach.",
        "",
        "Then sign out and check the container detached cleanly (and compacted, if eligible).",
      ),
      commands: [
        cmd(`"%ProgramFiles%\\FSLogix\\Apps\\frx.exe" list-redirects`, "In the pilot session: active redirects"),
        ps(
          `
          Invoke-Command -ComputerName '[VAR:session_host]' -ScriptBlock {
            Get-ChildItem "$env:ProgramData\\FSLogix\\Logs\\Profile" | Sort-Object LastWriteTime | Select-Object -Last 1 |
              Get-Content -Tail 60 | Select-String -Pattern 'ERROR|WARN|attached|detached|Compact'
          }
          `,
          "Latest profile log lines",
        ),
      ],
      expected: "The pilot user signs in with their own profile, apps work, and sign-out detaches the container without errors.",
    }),
    step("s-fsl-undrain", "Put the host back into service", {
      description: "Allow new sessions again and watch the first real sign-ins (FSLogix event log) for an hour before moving on to the next host.",
      commands: [
        ps(`Update-AzWvdSessionHost -ResourceGroupName '[VAR:resource_group]' -HostPoolName '[VAR:host_pool]' -Name '[VAR:session_host]' -AllowNewSession:$true`, "AVD: allow new sessions"),
        ps(`Invoke-Command -ComputerName '[VAR:session_host]' -ScriptBlock { chglogon /enable }`, "RDS: allow logons"),
      ],
      expected: "Users sign in to the host without profile errors.",
    }),
    section("sec-fsl-rollback", "Rollback plan (only if the test or production sign-ins fail)"),
    step("s-fsl-rollback-agent", "Roll back the FSLogix agent", {
      type: "warning",
      description: md(
        "**Check first:** drain the host again and make sure no sessions are left — uninstalling with attached containers can corrupt them.",
        "",
        "The FSLogix installer does not downgrade: uninstall the new version (with the installer copied to `C:\\Windows\\Temp` in the install step) and reinstall the previous one from **[VAR:previous_installer]**, then reboot and repeat the version check and pilot sign-in. The registry configuration is kept by the installer.",
      ),
      commands: [
        ps(
          `
          $session = New-PSSession -ComputerName '[VAR:session_host]'
          Copy-Item -Path '[VAR:previous_installer]' -Destination 'C:\\Windows\\Temp\\FSLogixAppsSetup-previous.exe' -ToSession $session
          Invoke-Command -Session $session -ScriptBlock {
            Start-Process -FilePath 'C:\\Windows\\Temp\\FSLogixAppsSetup.exe' -ArgumentList '/uninstall', '/quiet', '/norestart' -Wait
            $p = Start-Process -FilePath 'C:\\Windows\\Temp\\FSLogixAppsSetup-previous.exe' -ArgumentList '/install', '/quiet', '/norestart' -Wait -PassThru
            "Installer exit code: $($p.ExitCode)"
          }
          Remove-PSSession $session
          Restart-Computer -ComputerName '[VAR:session_host]' -Wait -For PowerShell -Timeout 900 -Force
          `,
          "Uninstall the new version, reinstall the previous one, reboot",
        ),
      ],
      expected: "The previous version is running and the pilot user signs in normally.",
    }),
    step("s-fsl-rollback-container", "Restore a damaged container from its backup", {
      type: "warning",
      description: md(
        "If a compacted or resized container of **[VAR:affected_user]** fails to attach (FSLogix error, temporary profile), restore the copy made before compaction. **Check first:** the user is signed out everywhere. Keep the damaged file (renamed) for analysis.",
        "",
        "Set **[VAR:affected_user]** to the user whose container is damaged. If there is no backup the command stops without changing anything; then escalate instead of experimenting with the damaged file.",
      ),
      commands: [
        ps(
          `
          $vhdx = Get-ChildItem -Path '[VAR:profile_share]' -Recurse -Filter 'Profile_[VAR:affected_user].vhdx' | Where-Object DirectoryName -notmatch '_backup$' | Select-Object -First 1
          $backup = Join-Path $vhdx.DirectoryName "_backup\\$($vhdx.Name)"
          if (-not (Test-Path -Path $backup)) { throw "No backup at $backup - nothing was changed." }
          Rename-Item -Path $vhdx.FullName -NewName "$($vhdx.Name).damaged-$(Get-Date -Format yyyyMMdd-HHmm)"
          Copy-Item -Path $backup -Destination $vhdx.FullName
          Get-ChildItem -Path $vhdx.DirectoryName | Select-Object Name, Length, LastWriteTime
          `,
          "Swap the damaged container for the backup",
        ),
      ],
      expected: "The user signs in with the restored container.",
    }),
    end(
      "end-fsl",
      "FSLogix maintenance complete",
      "Containers checked and compacted, the agent updated on [VAR:session_host] and tested with [VAR:test_user]. Record the old and new version, space reclaimed and any containers restored. Delete the _backup copies after a week without issues, and repeat for the remaining hosts (or roll the change into the golden image).",
    ),
  ),
};
