import type { PortableFlow } from "../portable";
import { cmd, end, md, procedure, ps, section, sql, step, variable } from "./build";

export const monthlyWindowsPatching: PortableFlow = {
  name: "Monthly Windows patching",
  description:
    "Patch Tuesday routine for Windows Server, run once per server of a target list: pre-checks (backup, disk space, pending reboot, service baseline), a VM snapshot, updates with PSWindowsUpdate (or sconfig/RMM), a controlled reboot, post-checks (services, event log, application smoke test), snapshot clean-up and documentation. Commands run from an admin workstation against the target server.",
  type: "maintenance",
  category: "Maintenance",
  tags: ["patching", "windows server", "windows update", "pswindowsupdate", "maintenance"],
  visibility: "public",
  variables: [
    variable("server_name", "Server", "hostname", "The server this session patches — in a maintenance batch, the session's target.", { required: true }),
    variable("change_ticket", "Change / ticket number", "text", "The approved change or maintenance ticket for this window."),
    variable("hyperv_host", "Hyper-V host", "hostname", "Host (or cluster node) running the VM, for Hyper-V checkpoints. Leave empty for VMware or physical servers."),
    variable("app_url", "Application URL", "url", "A page of the server's application to smoke-test after patching, e.g. https://intranet.example.com/health."),
  ],
  structure: procedure(
    section("sec-patch-pre", "Pre-checks"),
    step("s-patch-window", "Confirm the change and the patching order", {
      type: "information",
      description: md(
        "- Change **[VAR:change_ticket]** is approved and the window is open; users/app owners of **[VAR:server_name]** were notified.",
        "- **Order matters**: patch one domain controller at a time (never all DCs together), cluster and DAG/AG nodes one at a time after moving roles/databases off, and database servers before the application servers that depend on them.",
        "- Check the month's known issues (Windows release health) for the OS versions in this batch before starting.",
      ),
      expected: "Change approved, order for this server known, no blocking known issue.",
    }),
    step("s-patch-backup", "Verify the last backup succeeded", {
      type: "verification",
      description: md(
        "A snapshot is not a backup. Confirm in the backup console that **[VAR:server_name]** had a **successful** backup in the last 24 hours (and for databases, a recent full/log backup).",
        "",
        "The commands cover Veeam Backup & Replication (run on the backup server) and Windows Server Backup (run against the server).",
      ),
      commands: [
        ps(
          `Get-VBRRestorePoint -Name '[VAR:server_name]' | Sort-Object CreationTime -Descending | Select-Object -First 3 Name, CreationTime, Type, IsConsistent`,
          "Veeam: latest restore points (on the Veeam server)",
        ),
        ps(`Invoke-Command -ComputerName '[VAR:server_name]' -ScriptBlock { Get-WBSummary | Select-Object LastSuccessfulBackupTime, LastBackupResultHR, NumberOfVersions }`, "Windows Server Backup"),
      ],
      expected: "A successful backup less than 24 hours old.",
    }),
    step("s-patch-disk", "Check free disk space", {
      type: "verification",
      description: "Cumulative updates need roughly 10–15 GB free on C: to download, stage and install. Free space first (WinSxS clean-up, old logs, IIS logs, temp) if it is lower.",
      commands: [
        ps(
          `
          Invoke-Command -ComputerName '[VAR:server_name]' -ScriptBlock {
            Get-CimInstance Win32_LogicalDisk -Filter 'DriveType=3' |
              Select-Object DeviceID, @{n='SizeGB';e={[math]::Round($_.Size / 1GB, 1)}}, @{n='FreeGB';e={[math]::Round($_.FreeSpace / 1GB, 1)}}, @{n='Free%';e={[math]::Round($_.FreeSpace / $_.Size * 100, 1)}}
          }
          `,
          "Free space per volume",
        ),
      ],
      expected: "C: has at least 15 GB free.",
    }),
    step("s-patch-pending", "Check uptime and pending reboots", {
      type: "verification",
      description: "If a reboot is **already pending** (from last month or a software install), reboot first and check the server comes back healthy before installing new updates; otherwise installs fail or the post-checks are ambiguous.",
      commands: [
        ps(
          `
          Invoke-Command -ComputerName '[VAR:server_name]' -ScriptBlock {
            $os = Get-CimInstance Win32_OperatingSystem
            [pscustomobject]@{
              OS            = $os.Caption
              Build         = '{0}.{1}' -f $os.BuildNumber, (Get-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion').UBR
              LastBoot      = $os.LastBootUpTime
              RebootPending = (Test-Path 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending') -or
                              (Test-Path 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\RebootRequired') -or
                              ($null -ne (Get-ItemProperty 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Session Manager' -Name PendingFileRenameOperations -ErrorAction SilentlyContinue))
            }
          }
          `,
          "OS build, last boot and pending reboot",
        ),
      ],
      expected: "RebootPending = False (or the server was rebooted and checked first). OS build recorded.",
    }),
    step("s-patch-baseline", "Record the running services as a baseline", {
      description: "Saves the list of running services before patching so the post-check can show exactly what did not come back.",
      commands: [
        ps(
          `
          Invoke-Command -ComputerName '[VAR:server_name]' -ScriptBlock { Get-Service | Where-Object Status -eq 'Running' | Select-Object -ExpandProperty Name } |
            Sort-Object | Set-Content -Path "$env:TEMP\\[VAR:server_name]-services-before.txt"
          (Get-Content -Path "$env:TEMP\\[VAR:server_name]-services-before.txt").Count
          `,
          "Save the running services",
        ),
      ],
      expected: "A baseline file with the running services (count shown).",
    }),
    section("sec-patch-snapshot", "Snapshot"),
    step("s-patch-snapshot", "Take a VM snapshot / checkpoint", {
      type: "warning",
      description: md(
        "**Check first:**",
        "",
        "- **Domain controllers**: do not plan to *revert* a DC snapshot as a normal rollback (USN rollback risk on older setups; restore from backup instead). Skip the snapshot for DCs unless your virtualisation platform and policy support it.",
        "- **Database / Exchange servers**: a snapshot without application quiescing is crash-consistent only; rely on the backup for data.",
        "- Enough free space on the datastore/CSV for the snapshot to grow during patching.",
        "",
        "Snapshots slow the VM down and grow continuously: they are deleted in the post-checks section.",
      ),
      commands: [
        ps(`Checkpoint-VM -ComputerName '[VAR:hyperv_host]' -Name '[VAR:server_name]' -SnapshotName "Pre-patch $(Get-Date -Format yyyy-MM-dd) [VAR:change_ticket]"`, "Hyper-V checkpoint (VM name = server name)"),
        ps(`New-Snapshot -VM '[VAR:server_name]' -Name "Pre-patch $(Get-Date -Format yyyy-MM-dd) [VAR:change_ticket]" -Memory:$false -Quiesce:$false`, "VMware PowerCLI (after Connect-VIServer)"),
      ],
      expected: "A snapshot named 'Pre-patch <date>' exists for the VM.",
    }),
    section("sec-patch-install", "Install updates"),
    step("s-patch-module", "Make sure PSWindowsUpdate is available on the server", {
      description: md(
        "The PowerShell Gallery module **PSWindowsUpdate** searches, installs and reports Windows updates. Installing it on the server needs internet access to the Gallery (or copy the module folder from a machine that has it).",
        "",
        "If updates are managed by your **RMM** (NinjaOne, Datto RMM, N-able…) or **WSUS/Configuration Manager**, trigger the patch job there instead and continue with the reboot section; keep the checks.",
      ),
      commands: [
        ps(
          `
          Invoke-Command -ComputerName '[VAR:server_name]' -ScriptBlock {
            if (-not (Get-Module -ListAvailable -Name PSWindowsUpdate)) {
              [Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12
              Install-PackageProvider -Name NuGet -MinimumVersion 2.8.5.201 -Force | Out-Null
              Install-Module -Name PSWindowsUpdate -Scope AllUsers -Force
            }
            Get-Module -ListAvailable -Name PSWindowsUpdate | Select-Object Name, Version
          }
          `,
          "Install PSWindowsUpdate if missing",
        ),
        ps(`Invoke-Command -ComputerName '[VAR:server_name]' -ScriptBlock { Get-WindowsUpdate -MicrosoftUpdate | Select-Object KB, Size, Title }`, "List available updates"),
      ],
      expected: "PSWindowsUpdate is installed; the list shows this month's cumulative update (and .NET/Defender/other updates).",
    }),
    step("s-patch-install", "Install the updates", {
      description: md(
        "Windows Update cannot download/install through a normal PowerShell remoting session, so `Invoke-WUJob` runs the install as a scheduled task under SYSTEM on the server and writes a log. Reboots are suppressed here; the next section reboots in a controlled way.",
        "",
        "Alternative on the console: `sconfig` > *Install updates* (Server 2022/2025), or *Settings > Windows Update*.",
        "",
        "Follow the log until it shows the install results (usually 10–40 minutes).",
      ),
      commands: [
        ps(
          `
          Invoke-WUJob -ComputerName '[VAR:server_name]' -RunNow -Confirm:$false -Script {
            Import-Module PSWindowsUpdate
            Install-WindowsUpdate -MicrosoftUpdate -AcceptAll -IgnoreReboot -Verbose *>&1 | Out-File -FilePath C:\\Windows\\Temp\\PSWindowsUpdate.log
          }
          `,
          "Start the install job on the server",
        ),
        ps(`Get-Content -Path '\\\\[VAR:server_name]\\C$\\Windows\\Temp\\PSWindowsUpdate.log' -Tail 30`, "Read the install log"),
        ps(`Invoke-Command -ComputerName '[VAR:server_name]' -ScriptBlock { Get-ScheduledTask -TaskName PSWindowsUpdate | Select-Object TaskName, State }`, "Is the job still running?"),
      ],
      expected: "The log lists the updates as Installed; the PSWindowsUpdate task is Ready (finished).",
    }),
    section("sec-patch-reboot", "Reboot"),
    step("s-patch-reboot", "Reboot the server and wait for it", {
      type: "warning",
      description: md(
        "**Check first:** nobody is signed in doing work (RDP/RDS sessions), no long-running jobs (backups, batch jobs, database maintenance) are running, and for cluster nodes the roles were drained. `-Force` closes open sessions.",
        "",
        "The command waits until PowerShell remoting answers again (up to 30 minutes). The first boot after a cumulative update takes longer than usual — do not power-cycle a server that shows *Working on updates*.",
      ),
      commands: [
        cmd(`quser /server:[VAR:server_name]`, "Who is signed in?"),
        ps(`Restart-Computer -ComputerName '[VAR:server_name]' -Force -Wait -For PowerShell -Timeout 1800 -Delay 10`, "Reboot and wait"),
      ],
      expected: "The server is back and answers PowerShell remoting.",
    }),
    step("s-patch-verify-install", "Confirm the updates are installed and nothing is pending", {
      type: "verification",
      description: "Some updates (servicing stack, .NET) need a second reboot or a second pass. If updates remain or a reboot is pending again, repeat the install and reboot steps once.",
      commands: [
        ps(
          `
          Invoke-Command -ComputerName '[VAR:server_name]' -ScriptBlock {
            Get-WUHistory -Last 20 | Where-Object Date -gt (Get-Date).AddDays(-1) | Select-Object Date, KB, Result, Title
            'Build: {0}.{1}' -f (Get-CimInstance Win32_OperatingSystem).BuildNumber, (Get-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion').UBR
            'Still available: {0}' -f @(Get-WindowsUpdate -MicrosoftUpdate).Count
          }
          `,
          "Install history, new build, remaining updates",
        ),
      ],
      expected: "This month's updates show Result = Succeeded, the build number increased, 0 updates still available.",
    }),
    section("sec-patch-post", "Post-checks"),
    step("s-patch-services", "Compare services with the baseline", {
      type: "verification",
      description: md(
        "Lists services that ran before patching but do not run now, plus automatic services that are stopped. Start what should run and investigate anything that will not start.",
        "",
        "Delayed-start and trigger-start services (Google/Edge update, sppsvc, RemoteRegistry…) stopping by themselves is normal.",
      ),
      commands: [
        ps(
          `
          $before = Get-Content -Path "$env:TEMP\\[VAR:server_name]-services-before.txt"
          $after = Invoke-Command -ComputerName '[VAR:server_name]' -ScriptBlock { Get-Service | Where-Object Status -eq 'Running' | Select-Object -ExpandProperty Name }
          $before | Where-Object { $_ -notin $after } | ForEach-Object { "Not running any more: $_" }
          `,
          "Services that did not come back",
        ),
        ps(
          `
          Invoke-Command -ComputerName '[VAR:server_name]' -ScriptBlock {
            Get-CimInstance Win32_Service -Filter "StartMode='Auto' AND State<>'Running'" |
              Where-Object Name -notmatch '^(gupdate|gupdatem|edgeupdate|edgeupdatem|sppsvc|RemoteRegistry|MapsBroker|CDPSvc|TrustedInstaller|WbioSrvc|GoogleUpdater.*)$' |
              Select-Object Name, DisplayName, State, StartMode
          }
          `,
          "Automatic services not running",
        ),
      ],
      expected: "No business service is missing compared with the baseline.",
    }),
    step("s-patch-events", "Check the event logs since the reboot", {
      type: "verification",
      description: "Summarises critical and error events in the System and Application logs since boot, grouped by source and ID. Compare with what is normal for this server; new errors from the application, disk, cluster or network sources need attention.",
      commands: [
        ps(
          `
          Invoke-Command -ComputerName '[VAR:server_name]' -ScriptBlock {
            $boot = (Get-CimInstance Win32_OperatingSystem).LastBootUpTime
            Get-WinEvent -FilterHashtable @{ LogName = 'System', 'Application'; Level = 1, 2; StartTime = $boot } -ErrorAction SilentlyContinue |
              Group-Object ProviderName, Id | Sort-Object Count -Descending |
              Select-Object Count, Name, @{n='Example';e={($_.Group[0].Message -split '\\r?\\n')[0]}} | Format-Table -AutoSize -Wrap
          }
          `,
          "Errors since boot",
        ),
      ],
      expected: "No new critical errors related to the server's roles.",
    }),
    step("s-patch-smoke", "Smoke-test the server's application", {
      type: "verification",
      description: md(
        "Test what the server is **for**, not just that it boots. Use the checks that match its role:",
        "",
        "- **Web/application**: the page **[VAR:app_url]** answers 200.",
        "- **Domain controller**: `dcdiag` passes and replication has no failures.",
        "- **SQL Server**: all databases are ONLINE (run the query in SSMS or `Invoke-Sqlcmd`).",
        "- **File server**: shares are present.",
        "- Anything else: ask the application owner to confirm, and note who confirmed.",
      ),
      commands: [
        ps(`Invoke-WebRequest -Uri '[VAR:app_url]' -UseBasicParsing -TimeoutSec 30 | Select-Object StatusCode, StatusDescription`, "Web application"),
        cmd(`dcdiag /s:[VAR:server_name] /q && repadmin /replsummary`, "Domain controller"),
        sql(`SELECT name, state_desc FROM sys.databases WHERE state_desc <> 'ONLINE';`, "SQL Server: databases not online (expect no rows)"),
        ps(`Get-SmbShare -CimSession '[VAR:server_name]' | Where-Object Special -eq $false | Select-Object Name, Path`, "File server shares"),
      ],
      expected: "The application works; for DCs no dcdiag/replication errors; SQL query returns no rows.",
    }),
    step("s-patch-rollback", "Only if post-checks fail: roll back", {
      type: "warning",
      description: md(
        "**Check first:** is the fault really caused by the update (known issue, error started at the reboot)? Rolling back removes security fixes — record the decision in **[VAR:change_ticket]** and plan the retry.",
        "",
        "1. Preferred: uninstall the problem update. Combined SSU+LCU packages cannot be removed with `wusa`; use DISM with the *RollupFix* package name shown by the first command (run on the server console), then reboot.",
        "2. Last resort for non-DC servers: revert the snapshot (loses all changes since it was taken, including data on that VM).",
      ),
      commands: [
        cmd(`dism /online /get-packages /format:table | findstr /i "RollupFix"`, "Find the cumulative update package (on the server)"),
        ps(`Get-VMSnapshot -ComputerName '[VAR:hyperv_host]' -VMName '[VAR:server_name]' | Where-Object Name -like 'Pre-patch*' | Restore-VMSnapshot -Confirm`, "Hyper-V: revert to the pre-patch checkpoint"),
      ],
      expected: "The service works again and the rollback is documented with a follow-up.",
    }),
    step("s-patch-snapshot-cleanup", "Delete the pre-patch snapshot", {
      type: "warning",
      description: md(
        "**Check first:** the application owner confirmed the server works (or the agreed waiting time — usually 24–72 hours — has passed). Deleting the snapshot merges it into the disk; on busy VMs do it outside peak hours.",
        "",
        "Do not keep snapshots longer than a few days: they grow, slow down the VM and can fill the datastore.",
      ),
      commands: [
        ps(`Get-VMSnapshot -ComputerName '[VAR:hyperv_host]' -VMName '[VAR:server_name]' | Where-Object Name -like 'Pre-patch*' | Remove-VMSnapshot`, "Hyper-V: remove the checkpoint"),
        ps(`Get-Snapshot -VM '[VAR:server_name]' -Name 'Pre-patch*' | Remove-Snapshot -Confirm:$false`, "VMware PowerCLI: remove the snapshot"),
      ],
      expected: "No 'Pre-patch' snapshot left on the VM.",
    }),
    section("sec-patch-doc", "Document"),
    step("s-patch-document", "Record the result in the ticket", {
      type: "information",
      description: md(
        "Paste into **[VAR:change_ticket]**: updates installed (KBs), old and new build, reboot time, post-check results, anything that needed attention, and whether the snapshot was removed.",
        "",
        "Servers that failed or were skipped go into the batch's next steps so they are picked up in the next window.",
      ),
      commands: [
        ps(
          `
          Invoke-Command -ComputerName '[VAR:server_name]' -ScriptBlock {
            Get-WUHistory -Last 30 | Where-Object Date -gt (Get-Date).AddDays(-2) | Select-Object Date, KB, Result, Title | Format-Table -AutoSize
          }
          `,
          "Installed updates for the ticket",
        ),
      ],
      expected: "The ticket contains the KB list and the outcome for [VAR:server_name].",
    }),
    end(
      "end-patch",
      "Server patched",
      "[VAR:server_name] is patched, rebooted and checked. Complete the session as 'completed' if all checks passed, or 'completed with issues' with the details in the notes; the batch view shows which servers still need attention.",
    ),
  ),
};
