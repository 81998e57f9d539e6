import type { PortableFlow } from "../portable";
import { action, cmd, escalation, md, ps, question, solution, tree, variable } from "./build";

export const slowComputer: PortableFlow = {
  name: "Slow computer",
  description:
    "A Windows 10/11 PC is slow. Measures before changing anything: CPU/memory/disk load and the process behind it, free disk space, start-up items and boot performance events, pending updates and reboots, a malware scan and disk health (SMART/reliability counters), then escalates hardware faults or hands a performance report to desktop engineering.",
  type: "troubleshooting",
  category: "Endpoint",
  tags: ["windows", "performance", "disk", "malware", "endpoint"],
  visibility: "public",
  variables: [
    variable("computer_name", "Computer name", "hostname", "The slow PC (for the ticket and for remote commands).", { required: true }),
    variable("slow_since", "Slow since", "text", "When it started, in the user's words (e.g. 'since Tuesday's update', 'always in the morning')."),
  ],
  structure: tree("q-slow-scope", {
    "q-slow-scope": question(
      "What exactly is slow?",
      md(
        "Ask the user for specifics and when it started (**[VAR:slow_since]**). *\"Outlook takes two minutes to open since Monday\"* is far easier to fix than *\"everything is slow\"*.",
        "",
        "Run the commands in this flow on **[VAR:computer_name]** in an elevated PowerShell (remote session or RMM shell).",
      ),
      [
        ["Everything, all the time", "a-slow-resources"],
        ["Start-up and sign-in take very long", "a-slow-startup"],
        ["One application only", "a-slow-process"],
        ["It started after an update or a new install", "a-slow-updates"],
      ],
    ),
    "a-slow-resources": action(
      "Measure CPU, memory and disk load",
      md(
        "Reproduce the slowness and measure while it happens (or ask the user to leave it in the slow state):",
        "",
        "- **CPU** above ~90% for minutes: find the process.",
        "- **Memory**: committed memory near the total and little free RAM means paging; check uptime too (weeks without a reboot).",
        "- **Disk active time** near 100% with a queue above 2 (spinning disks especially) makes everything crawl.",
        "",
        "Counter names are English; on other display languages use Task Manager > Performance / Resource Monitor (`resmon`) instead.",
      ),
      [
        ps(
          `
          (Get-Counter '\\Process(*)\\% Processor Time' -SampleInterval 2).CounterSamples |
            Where-Object { $_.InstanceName -notin '_total', 'idle' } | Sort-Object CookedValue -Descending | Select-Object -First 10 InstanceName,
              @{n='CPU%';e={[math]::Round($_.CookedValue / $env:NUMBER_OF_PROCESSORS, 1)}}
          `,
          "Top CPU processes right now",
        ),
        ps(
          `
          $os = Get-CimInstance Win32_OperatingSystem
          [pscustomobject]@{
            TotalGB    = [math]::Round($os.TotalVisibleMemorySize / 1MB, 1)
            FreeGB     = [math]::Round($os.FreePhysicalMemory / 1MB, 1)
            UptimeDays = [math]::Round(((Get-Date) - $os.LastBootUpTime).TotalDays, 1)
          }
          Get-Process | Sort-Object WorkingSet64 -Descending | Select-Object -First 10 Name, Id, @{n='RAM_MB';e={[math]::Round($_.WorkingSet64 / 1MB)}}
          `,
          "Memory, uptime and top memory users",
        ),
        ps(
          `(Get-Counter '\\PhysicalDisk(_Total)\\% Disk Time', '\\PhysicalDisk(_Total)\\Avg. Disk Queue Length' -SampleInterval 2 -MaxSamples 3).CounterSamples | Select-Object Path, @{n='Value';e={[math]::Round($_.CookedValue, 1)}}`,
          "Disk load",
        ),
      ],
      [
        ["One process uses most CPU or memory", "a-slow-process"],
        ["Memory constantly almost full with normal apps", "s-slow-memory"],
        ["Disk at ~100% active time", "a-slow-disk-health"],
        ["Not rebooted for weeks", "s-slow-reboot"],
        ["Resources look normal", "a-slow-disk-space"],
      ],
    ),
    "a-slow-process": action(
      "Identify the process and what it is doing",
      md(
        "Find out what the busy process is before ending it:",
        "",
        "- **Known and temporary**: Windows Update (`TiWorker`, `MoUsoCoreWorker`), antivirus scan (`MsMpEng`), Search indexer, OneDrive initial sync — let it finish or reschedule it.",
        "- **A business app or browser**: update it, clear its cache, check add-ins/extensions; a browser with 60 tabs is a training topic, not a fault.",
        "- **Unknown name, odd path** (user's AppData/Temp, random names, unsigned): treat as suspicious.",
      ),
      [
        ps(
          `
          Get-CimInstance Win32_Process | Sort-Object WorkingSetSize -Descending | Select-Object -First 15 Name, ProcessId,
            @{n='RAM_MB';e={[math]::Round($_.WorkingSetSize / 1MB)}}, ExecutablePath | Format-Table -AutoSize
          `,
          "Processes with their executable path",
        ),
        ps(
          `
          Get-Process | Where-Object Path | Sort-Object CPU -Descending | Select-Object -First 10 Name, Id, Path |
            ForEach-Object { $sig = Get-AuthenticodeSignature -FilePath $_.Path; [pscustomobject]@{ Name = $_.Name; Id = $_.Id; Signed = $sig.Status; Publisher = $sig.SignerCertificate.Subject; Path = $_.Path } } |
            Format-Table -AutoSize
          `,
          "Signature check of the busiest processes",
        ),
      ],
      [
        ["Known app misbehaving — updated/restarted and it's fine", "s-slow-process"],
        ["Unknown or suspicious process", "a-slow-malware"],
        ["Windows/antivirus background work", "a-slow-updates"],
      ],
    ),
    "a-slow-disk-space": action(
      "Check free disk space",
      md(
        "Windows slows down badly and updates fail when C: has less than about **10% or 15 GB** free.",
      ),
      [
        ps(
          `
          Get-CimInstance Win32_LogicalDisk -Filter 'DriveType=3' |
            Select-Object DeviceID, @{n='SizeGB';e={[math]::Round($_.Size / 1GB, 1)}}, @{n='FreeGB';e={[math]::Round($_.FreeSpace / 1GB, 1)}}, @{n='Free%';e={[math]::Round($_.FreeSpace / $_.Size * 100, 1)}}
          `,
          "Free space per drive",
        ),
      ],
      [
        ["C: is low on space", "a-slow-cleanup"],
        ["Plenty of space", "a-slow-startup"],
      ],
    ),
    "a-slow-cleanup": action(
      "Free up space on C:",
      md(
        "Safe clean-up first; **ask the user before emptying their Recycle Bin or deleting anything in their profile**.",
        "",
        "1. Temp folders and the Windows component store (superseded update files).",
        "2. Find the biggest profile folders; OneDrive users can *Free up space* (Files On-Demand) on large synced folders.",
        "3. Delivery Optimization cache and old Windows.old folders can go through *Settings > System > Storage > Temporary files*.",
      ),
      [
        ps(
          `
          Remove-Item -Path "$env:TEMP\\*", "$env:SystemRoot\\Temp\\*" -Recurse -Force -ErrorAction SilentlyContinue
          Dism.exe /Online /Cleanup-Image /StartComponentCleanup
          `,
          "Clear temp files and clean the component store",
        ),
        ps(
          `
          Get-ChildItem -Path C:\\Users -Directory | ForEach-Object {
            $bytes = (Get-ChildItem -Path $_.FullName -Recurse -File -Force -ErrorAction SilentlyContinue | Measure-Object -Property Length -Sum).Sum
            [pscustomobject]@{ Folder = $_.FullName; SizeGB = [math]::Round($bytes / 1GB, 2) }
          } | Sort-Object SizeGB -Descending
          `,
          "Size of each user profile",
        ),
        cmd(`cleanmgr.exe /d C:`, "Disk Clean-up (interactive)"),
      ],
      [
        ["Space freed and the PC is faster", "s-slow-disk-space"],
        ["Space freed but still slow", "a-slow-startup"],
      ],
    ),
    "a-slow-startup": action(
      "Review start-up programs and boot performance",
      md(
        "Too many start-up items make sign-in slow and keep memory busy all day. Windows also logs slow boots and the apps, services and drivers that delayed them (Diagnostics-Performance events **100** boot time, **101–110** what was slow).",
        "",
        "Disable what the user does not need at start-up in *Task Manager > Startup apps* or *Settings > Apps > Startup* (do not disable security, VPN, RMM or backup agents).",
        "",
        "Note: with **Fast Startup**, *Shut down* does not reset uptime — tell the user to use *Restart*.",
      ),
      [
        ps(`Get-CimInstance Win32_StartupCommand | Select-Object Name, Command, Location, User | Format-Table -AutoSize`, "Start-up items"),
        ps(
          `
          Get-WinEvent -FilterHashtable @{ LogName = 'Microsoft-Windows-Diagnostics-Performance/Operational'; Id = 100, 101, 102, 103, 106, 109 } -MaxEvents 20 -ErrorAction SilentlyContinue |
            Select-Object TimeCreated, Id, @{n='Detail';e={($_.Message -split '\\r?\\n' | Select-Object -First 3) -join ' | '}} | Format-List
          `,
          "Boot time and what slowed it down",
        ),
      ],
      [
        ["Trimmed start-up items and it's better", "s-slow-startup"],
        ["Still slow", "a-slow-updates"],
      ],
    ),
    "a-slow-updates": action(
      "Check pending updates, reboots and system file health",
      md(
        "A pending reboot leaves Windows half-updated; a stuck update keeps `TiWorker` busy for hours. Recent updates or installs can also be the cause — *Reliability Monitor* shows a timeline of installs and crashes.",
        "",
        "1. If a reboot is pending, reboot (agree a time with the user).",
        "2. Install outstanding Windows, driver and BIOS/firmware updates (OEM tool: Dell Command Update, HP Image Assistant, Lenovo System Update).",
        "3. If system files are damaged, repair them with DISM and SFC (takes 10–30 minutes).",
      ),
      [
        ps(
          `
          $pending = @(
            Test-Path 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending'
            Test-Path 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\RebootRequired'
            $null -ne (Get-ItemProperty 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Session Manager' -Name PendingFileRenameOperations -ErrorAction SilentlyContinue)
          )
          "Reboot pending: $($pending -contains $true)"
          Get-HotFix | Sort-Object InstalledOn -Descending | Select-Object -First 5 HotFixID, Description, InstalledOn
          `,
          "Pending reboot and latest updates",
        ),
        cmd(`perfmon /rel`, "Open Reliability Monitor"),
        cmd(`DISM /Online /Cleanup-Image /RestoreHealth && sfc /scannow`, "Repair system files (elevated)"),
      ],
      [
        ["Updates/reboot/repair done and it's faster", "s-slow-updates"],
        ["Still slow", "a-slow-malware"],
      ],
    ),
    "a-slow-malware": action(
      "Scan for malware",
      md(
        "Cryptominers, adware and browser hijackers are a common cause of unexplained load.",
        "",
        "- With **Microsoft Defender**: check it is active and current, update signatures, run a quick scan (a full scan if anything is found).",
        "- With a **third-party AV/EDR** (SentinelOne, CrowdStrike, Sophos, Huntress…): check the device in that console instead and start a scan there.",
        "",
        "If anything is detected, stop here and escalate: do not clean up on your own and do not reboot unless the security team says so (evidence).",
      ),
      [
        ps(`Get-MpComputerStatus | Select-Object AMRunningMode, RealTimeProtectionEnabled, AntivirusSignatureLastUpdated, QuickScanEndTime, FullScanEndTime`, "Defender status"),
        ps(`Update-MpSignature; Start-MpScan -ScanType QuickScan`, "Update signatures and quick scan"),
        ps(`Get-MpThreatDetection | Select-Object InitialDetectionTime, ThreatID, ActionSuccess, Resources | Format-List`, "Detections"),
      ],
      [
        ["Threats found", "e-slow-security"],
        ["Clean", "a-slow-disk-health"],
      ],
    ),
    "a-slow-disk-health": action(
      "Check disk type and health (SMART / reliability counters)",
      md(
        "A failing drive retries reads and makes the whole PC hang for seconds at a time; a spinning hard disk (HDD) is slow for Windows 10/11 even when healthy.",
        "",
        "- `HealthStatus` other than *Healthy*, uncorrected read/write errors, high `Wear` (SSD, % used) or disk/NTFS errors **7, 51, 55, 129, 153** in the System log mean the drive is failing.",
        "- **Back up the user's data first** if the disk looks bad.",
        "",
        "Reliability counters need an elevated prompt; some drives/controllers do not report them.",
      ),
      [
        ps(`Get-PhysicalDisk | Select-Object FriendlyName, MediaType, BusType, HealthStatus, OperationalStatus, @{n='SizeGB';e={[math]::Round($_.Size / 1GB)}}`, "Disk type and health"),
        ps(`Get-PhysicalDisk | Get-StorageReliabilityCounter | Select-Object DeviceId, Temperature, Wear, ReadErrorsUncorrected, WriteErrorsUncorrected, PowerOnHours`, "SMART / reliability counters"),
        ps(
          `
          Get-WinEvent -FilterHashtable @{ LogName = 'System'; ProviderName = 'disk', 'Ntfs', 'stornvme', 'storahci', 'iaStorA'; Level = 1, 2, 3; StartTime = (Get-Date).AddDays(-14) } -MaxEvents 30 -ErrorAction SilentlyContinue |
            Select-Object TimeCreated, ProviderName, Id, LevelDisplayName, Message | Format-List
          `,
          "Disk errors in the last 14 days",
        ),
      ],
      [
        ["Disk errors, warnings or high wear", "e-slow-hardware"],
        ["Healthy spinning disk (HDD)", "s-slow-hdd"],
        ["Healthy SSD, still slow", "a-slow-perf-report"],
      ],
    ),
    "a-slow-perf-report": action(
      "Capture a performance report for desktop engineering",
      md(
        "Nothing obvious was found. Capture evidence so the next engineer starts from data:",
        "",
        "1. Run the 60-second **System Diagnostics report** while the PC is slow; it shows the top resource consumers, disk and network, and configuration warnings. The report is saved under *Performance Monitor > Reports > System > System Diagnostics*.",
        "2. Export the last week of errors from the System and Application logs.",
      ),
      [
        cmd(`perfmon /report`, "System Diagnostics report (60 s)"),
        ps(
          `
          Get-WinEvent -FilterHashtable @{ LogName = 'System', 'Application'; Level = 1, 2; StartTime = (Get-Date).AddDays(-7) } -ErrorAction SilentlyContinue |
            Group-Object ProviderName, Id | Sort-Object Count -Descending | Select-Object -First 20 Count, Name
          `,
          "Most frequent errors this week",
        ),
      ],
      "e-slow-desktop",
    ),
    "s-slow-process": solution(
      "Resolved: misbehaving application fixed",
      "One application caused the load. Updated/repaired/restarted it (record the app and version). If it recurs, raise it with the application owner or vendor.",
    ),
    "s-slow-memory": solution(
      "Memory too small for the workload",
      md(
        "The PC runs out of RAM with the user's normal applications (committed memory near the total, heavy paging). Short term: close unneeded apps/browser tabs and reboot daily. Long term: recommend a memory upgrade (16 GB is the practical minimum for Microsoft 365 + Teams + browser) — raise a quote/hardware request.",
      ),
      [],
      "partially_resolved",
    ),
    "s-slow-reboot": solution(
      "Resolved: PC restarted after weeks of uptime",
      "The PC had not been restarted for weeks (memory leaks, pending updates). A restart fixed it. Remind the user to *Restart* (not *Shut down*, which keeps Fast Startup state) at least weekly; consider an RMM reboot policy.",
    ),
    "s-slow-disk-space": solution(
      "Resolved: disk space freed",
      "C: was nearly full. Cleaned temporary files and the component store (and user data with the user's consent). If it fills again quickly, find what grows (OneDrive sync of large libraries, PST files, application logs) and consider a larger disk.",
    ),
    "s-slow-startup": solution(
      "Resolved: start-up trimmed",
      "Disabled unnecessary start-up programs (record which). Sign-in and start-up are faster. If a required business app is the slow one, raise it with its owner.",
    ),
    "s-slow-updates": solution(
      "Resolved: updates installed / system repaired",
      "Outstanding updates, a pending reboot or damaged system files caused the slowness. Installed/rebooted/repaired; performance is normal. Check the RMM patch policy reaches this PC.",
    ),
    "s-slow-hdd": solution(
      "Cause: spinning hard disk",
      "The PC runs Windows from a healthy but slow mechanical hard disk. Recommend replacing it with an SSD (clone or reimage) or replacing the PC; raise a hardware request/quote. Until then keep start-up items and disk usage low.",
      [],
      "partially_resolved",
    ),
    "e-slow-security": escalation(
      "Escalate: malware detected",
      "Security team / SOC",
      md(
        "Malware was detected on **[VAR:computer_name]**.",
        "",
        "- Isolate the device from the network if your EDR supports it (or unplug it / disconnect Wi-Fi) unless the SOC says otherwise.",
        "- Do not wipe or reboot before the SOC decides; include the detection details (threat name, path, time, action taken) and the user's name.",
      ),
    ),
    "e-slow-hardware": escalation(
      "Escalate: failing disk / hardware",
      "Hardware / warranty (OEM support or procurement)",
      md(
        "The disk reports errors, warnings or high wear on **[VAR:computer_name]**.",
        "",
        "1. **Back up the user's data now** (OneDrive sync status, Desktop/Documents, local PST files, browser profiles).",
        "2. Open a warranty case with the OEM (serial number: `Get-CimInstance Win32_BIOS | Select-Object SerialNumber`) or request a replacement disk/PC.",
        "3. Attach the Get-PhysicalDisk / reliability counter output and the disk error events.",
      ),
    ),
    "e-slow-desktop": escalation(
      "Escalate to desktop engineering",
      "Desktop engineering (L2/L3)",
      md(
        "Resources, disk space, start-up, updates, malware and disk health were checked without finding the cause.",
        "",
        "Attach the System Diagnostics report and the error summary, the exact symptom and **[VAR:slow_since]**. Desktop engineering may take a longer trace (Windows Performance Recorder) or decide to reimage.",
      ),
    ),
  }),
};
