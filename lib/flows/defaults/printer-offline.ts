import type { PortableFlow } from "../portable";
import { action, cmd, escalation, md, ps, question, solution, tree, variable } from "./build";

export const printerOffline: PortableFlow = {
  name: "Printer offline",
  description:
    "A network printer shows \"Offline\" or jobs sit in the queue. Separates printer/network faults from print-server and client problems: power and ping, the printer's IP and the queue's port, SNMP status, the spooler and stuck jobs, drivers and Point and Print, and printers deployed by Group Policy.",
  type: "troubleshooting",
  category: "Printing",
  tags: ["printer", "print spooler", "windows", "group policy", "drivers"],
  visibility: "public",
  variables: [
    variable("printer_name", "Printer / queue name", "text", "Exactly as Windows shows it (Get-Printer), or the share name on the print server, e.g. HP-Finance-2F.", { required: true }),
    variable("printer_ip", "Printer IP address", "ip", "The printer's current IP (print a network configuration page from its panel if unsure)."),
    variable("print_server", "Print server", "hostname", "Only for shared queues (\\\\server\\queue). Leave empty for printers installed directly on the PC."),
    variable("computer_name", "Affected computer", "hostname", "The PC where printing fails."),
    variable("driver_name", "Printer driver name", "text", "Exact driver name as in the INF / Get-PrinterDriver, e.g. HP Universal Printing PCL 6."),
    variable("driver_inf_path", "Driver INF path", "text", "Full path to the extracted driver's .inf file, e.g. C:\\Drivers\\HP-UPD\\hpcu270u.inf."),
  ],
  structure: tree("q-printer-scope", {
    "q-printer-scope": question(
      "Who is affected?",
      md(
        "Ask the user and check with one colleague near **[VAR:printer_name]** before touching anything:",
        "",
        "- If **everyone** who uses the printer is affected, the printer, its network or the print server is the problem.",
        "- If **only one user or PC** is affected, the problem is on that client.",
      ),
      [
        ["Everyone using this printer", "a-printer-physical"],
        ["Only one user or computer", "a-printer-client-queue"],
      ],
    ),
    "a-printer-physical": action(
      "Check the printer itself and ping it",
      md(
        "Ask someone on site to check the printer: powered on, no error on the panel (paper jam, tray open, toner, \"Service\"), network cable seated and link light on (or Wi-Fi connected).",
        "",
        "Then test from a PC on the same network (or from **[VAR:print_server]**): the printer should answer ping and accept connections on **TCP 9100** (RAW printing). The embedded web page shows the printer's own status and IP settings.",
      ),
      [
        ps(`Test-Connection -ComputerName [VAR:printer_ip] -Count 4`, "Ping the printer"),
        ps(`Test-NetConnection -ComputerName [VAR:printer_ip] -Port 9100 | Select-Object ComputerName, RemoteAddress, TcpTestSucceeded`, "Test the RAW print port"),
        ps(`Start-Process "http://[VAR:printer_ip]"`, "Open the printer's web page"),
      ],
      [
        ["Replies on ping and port 9100", "q-printer-connection-type"],
        ["No reply", "a-printer-network"],
        ["Hardware error on the panel (jam that won't clear, service code)", "e-printer-hardware"],
      ],
    ),
    "a-printer-network": action(
      "Find out why the printer is unreachable",
      md(
        "1. Power-cycle the printer (off 30 seconds) and re-seat the network cable; try another wall port or switch port.",
        "2. Print a **network configuration page** from the printer panel and compare its IP with **[VAR:printer_ip]**. A printer on DHCP without a reservation often comes back with a new address.",
        "3. Check the switch port / VLAN if the link light is off on a known-good cable.",
      ),
      [
        cmd(`arp -a | findstr /i "[VAR:printer_ip]"`, "Is the IP in the ARP cache? (run on the same subnet)"),
        ps(`Get-PrinterPort | Where-Object PrinterHostAddress | Select-Object Name, PrinterHostAddress, PortNumber`, "Which IP do the queues use?"),
      ],
      [
        ["Printer is back after power cycle / cable fix", "s-printer-physical"],
        ["Printer has a different IP now", "a-printer-fix-port"],
        ["Still unreachable with link light off or no IP", "e-printer-hardware"],
      ],
    ),
    "a-printer-fix-port": action(
      "Point the queue at the printer's current IP",
      md(
        "Update the TCP/IP port of the queue to the printer's new address **[VAR:printer_ip]**. For a shared queue do this **on the print server** (add `-ComputerName [VAR:print_server]` or run it there); all clients follow automatically.",
        "",
        "Afterwards create a **DHCP reservation** (or set a static IP outside the scope) so the address does not change again.",
      ),
      [
        ps(
          `
          $printer = Get-Printer -Name '[VAR:printer_name]'
          $printer | Select-Object Name, PortName, DriverName, PrinterStatus
          Get-PrinterPort -Name $printer.PortName | Select-Object Name, PrinterHostAddress, PortNumber
          `,
          "Show the queue's current port",
        ),
        ps(
          `
          $port = 'IP_[VAR:printer_ip]'
          if (-not (Get-PrinterPort -Name $port -ErrorAction SilentlyContinue)) {
            Add-PrinterPort -Name $port -PrinterHostAddress '[VAR:printer_ip]'
          }
          Set-Printer -Name '[VAR:printer_name]' -PortName $port
          Get-Printer -Name '[VAR:printer_name]' | Select-Object Name, PortName, PrinterStatus
          `,
          "Create a port for the new IP and switch the queue to it",
        ),
      ],
      [
        ["Printing works", "s-printer-port-fixed"],
        ["Printer answers ping but the queue still says Offline", "a-printer-snmp"],
      ],
    ),
    "q-printer-connection-type": question(
      "How is the printer installed on the affected computers?",
      md(
        "Check **Settings > Bluetooth & devices > Printers** or run `Get-Printer` on the client:",
        "",
        "- **Shared queue**: name looks like `\\\\server\\printer`, `Type = Connection`.",
        "- **Direct IP**: local queue with a `IP_…` or hostname port on the PC itself.",
        "- **Missing** entirely: it should be pushed by Group Policy / Intune but is not there.",
      ),
      [
        ["Shared queue on a print server", "a-printer-server-queue"],
        ["Direct TCP/IP port on the PC", "a-printer-snmp"],
        ["Printer missing (deployed by GPO / Intune)", "a-printer-gpo"],
      ],
    ),
    "a-printer-client-queue": action(
      "Check the queue on the affected PC",
      md(
        "On **[VAR:computer_name]**, look at the queue's status, whether **Use Printer Offline** is ticked (it survives reboots and looks exactly like a dead printer), and whether a stuck job is blocking the queue.",
      ),
      [
        ps(
          `
          Get-Printer | Where-Object { $_.Name -eq '[VAR:printer_name]' -or $_.ShareName -eq '[VAR:printer_name]' -or $_.Name -like '*\\[VAR:printer_name]' } |
            Select-Object Name, Type, PortName, DriverName, PrinterStatus, JobCount
          `,
          "Queue status",
        ),
        ps(
          `Get-CimInstance Win32_Printer | Where-Object { $_.Name -like '*[VAR:printer_name]*' } | Select-Object Name, WorkOffline, PrinterStatus, Default`,
          "Is 'Use Printer Offline' ticked?",
        ),
        ps(
          `Get-CimInstance Win32_Printer | Where-Object { $_.Name -like '*[VAR:printer_name]*' -and $_.WorkOffline } | Set-CimInstance -Property @{ WorkOffline = $false }`,
          "Untick 'Use Printer Offline'",
        ),
        ps(`Get-Printer | Where-Object Name -like '*[VAR:printer_name]*' | Get-PrintJob | Select-Object Id, DocumentName, UserName, JobStatus, SubmittedTime`, "Jobs in the queue"),
      ],
      [
        ["'Use Printer Offline' was ticked — printing works now", "s-printer-workoffline"],
        ["Jobs stuck or the queue shows Error", "a-printer-spooler"],
        ["Queue looks normal but still offline", "q-printer-connection-type"],
      ],
    ),
    "a-printer-spooler": action(
      "Clear stuck jobs and restart the Print Spooler",
      md(
        "**Check first:** this deletes **all** pending jobs for **every** printer on this machine. On a print server, warn the users of other queues or do it outside busy hours; prefer removing just the stuck job with `Remove-PrintJob` if that is enough.",
        "",
        "Run elevated on the machine that holds the queue (the PC for direct printers, **[VAR:print_server]** for shared queues).",
      ),
      [
        ps(`Get-Printer -Name '[VAR:printer_name]' | Get-PrintJob | Where-Object JobStatus -match 'Error|Deleting|Blocked' | Remove-PrintJob`, "Remove only the stuck jobs"),
        ps(
          `
          Stop-Service -Name Spooler -Force
          Remove-Item -Path "$env:SystemRoot\\System32\\spool\\PRINTERS\\*" -Force -ErrorAction SilentlyContinue
          Start-Service -Name Spooler
          Get-Service -Name Spooler | Select-Object Name, Status, StartType
          `,
          "Clear the whole spool folder and restart the spooler",
        ),
        ps(
          `Get-WinEvent -FilterHashtable @{ LogName = 'System'; ProviderName = 'Service Control Manager'; Id = 7031, 7034; StartTime = (Get-Date).AddDays(-7) } -ErrorAction SilentlyContinue | Where-Object Message -match 'Print Spooler' | Select-Object TimeCreated, Message`,
          "Has the spooler been crashing?",
        ),
      ],
      [
        ["Printing works", "s-printer-spooler"],
        ["Spooler keeps stopping / crashing", "a-printer-driver"],
        ["Queue clear, still offline", "q-printer-connection-type"],
      ],
    ),
    "a-printer-snmp": action(
      "Check the port's SNMP status setting",
      md(
        "Windows marks a Standard TCP/IP port **Offline** when *SNMP Status Enabled* is on but the printer does not answer SNMP (SNMP disabled on the printer, a different community name, or SNMP blocked by a firewall) — even though printing to port 9100 would work.",
        "",
        "Either fix SNMP on the printer (community `public`, SNMPv1/v2 read) or turn SNMP status off for the port: *Printer properties > Ports > Configure Port > untick SNMP Status Enabled*, or use the commands (elevated, on the machine holding the queue). The spooler restart in the second command briefly interrupts every queue on that machine — do it while nothing is printing.",
      ),
      [
        ps(
          `
          $portName = (Get-Printer -Name '[VAR:printer_name]').PortName
          Get-CimInstance Win32_TCPIPPrinterPort | Where-Object Name -eq $portName | Select-Object Name, HostAddress, PortNumber, SNMPEnabled, SNMPCommunity
          `,
          "Show the port's SNMP settings",
        ),
        ps(
          `
          $portName = (Get-Printer -Name '[VAR:printer_name]').PortName
          reg.exe add "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Print\\Monitors\\Standard TCP/IP Port\\Ports\\$portName" /v "SNMP Enabled" /t REG_DWORD /d 0 /f
          Restart-Service -Name Spooler -Force
          `,
          "Turn SNMP status off for this port (reg.exe: the key name contains a slash)",
        ),
      ],
      [
        ["Printer shows Ready and prints", "s-printer-snmp"],
        ["Still offline", "a-printer-driver"],
      ],
    ),
    "a-printer-server-queue": action(
      "Compare the queue on the print server",
      md(
        "Look at the same queue on **[VAR:print_server]**. If it is offline there too, the fault is between the server and the printer. If the server is fine, the client's connection is stale.",
      ),
      [
        ps(
          `
          Get-Printer -ComputerName [VAR:print_server] | Where-Object { $_.Name -eq '[VAR:printer_name]' -or $_.ShareName -eq '[VAR:printer_name]' } |
            Select-Object Name, ShareName, PortName, DriverName, PrinterStatus, JobCount
          `,
          "Queue status on the print server",
        ),
        ps(`Test-NetConnection -ComputerName [VAR:print_server] -Port 445 | Select-Object ComputerName, TcpTestSucceeded`, "Can the client reach the print server (SMB)?"),
      ],
      [
        ["Offline on the server too", "a-printer-physical"],
        ["Fine on the server — only this client", "a-printer-reconnect"],
      ],
    ),
    "a-printer-reconnect": action(
      "Remove and re-add the printer connection on the client",
      md(
        "Run **as the user** on **[VAR:computer_name]**. Since the PrintNightmare updates, non-admin users can only install a printer connection if its driver is already on the PC or Point and Print is allowed by policy; a prompt for admin rights or error **0x0000011b / 0x00000709 / 0x00000bcb** points to a driver/Point and Print problem.",
      ),
      [
        ps(
          `
          Remove-Printer -Name '\\\\[VAR:print_server]\\[VAR:printer_name]' -ErrorAction SilentlyContinue
          Add-Printer -ConnectionName '\\\\[VAR:print_server]\\[VAR:printer_name]'
          Get-Printer -Name '\\\\[VAR:print_server]\\[VAR:printer_name]' | Select-Object Name, DriverName, PrinterStatus
          `,
          "Reconnect the shared printer",
        ),
      ],
      [
        ["Works again", "s-printer-reconnected"],
        ["Admin prompt / driver install error", "a-printer-driver"],
      ],
    ),
    "a-printer-driver": action(
      "Check and reinstall the printer driver",
      md(
        "A broken or outdated driver crashes the spooler, blocks Point and Print and leaves the queue in Error/Offline.",
        "",
        "1. Check the driver version against the vendor's current release; prefer the vendor's **universal** or **Type 4** driver.",
        "2. Check the PrintService admin log for driver errors.",
        "3. Stage the new driver (elevated) with `pnputil`, add it, and switch the queue to it. For shared queues do this on **[VAR:print_server]** so clients pick it up; for clients that cannot install drivers, pre-install the same driver on them (RMM/Intune).",
        "",
        "Do **not** lower Point and Print security (`RestrictDriverInstallationToAdministrators = 0`) as a fix; pre-install drivers instead.",
      ),
      [
        ps(`Get-PrinterDriver | Select-Object Name, MajorVersion, @{n='Version';e={$_.DriverVersion}}, Manufacturer, InfPath | Sort-Object Name`, "Installed printer drivers"),
        ps(
          `Get-WinEvent -LogName 'Microsoft-Windows-PrintService/Admin' -MaxEvents 25 -ErrorAction SilentlyContinue | Select-Object TimeCreated, Id, LevelDisplayName, Message | Format-List`,
          "PrintService admin log",
        ),
        ps(
          `
          pnputil.exe /add-driver "[VAR:driver_inf_path]" /install
          Add-PrinterDriver -Name '[VAR:driver_name]'
          Set-Printer -Name '[VAR:printer_name]' -DriverName '[VAR:driver_name]'
          `,
          "Install the driver and assign it to the queue",
        ),
      ],
      [
        ["Printing works with the new driver", "s-printer-driver"],
        ["Still failing", "e-printer-print-team"],
      ],
    ),
    "a-printer-gpo": action(
      "Check the Group Policy / Intune printer deployment",
      md(
        "Printers are usually pushed by **Group Policy Preferences** (User Configuration > Preferences > Control Panel Settings > Printers, often with item-level targeting by security group) or by **Print Management > Deploy with Group Policy**. On Entra-joined devices they may come from **Universal Print** via Intune.",
        "",
        "1. Refresh policy and check which GPOs apply to the user.",
        "2. Look for errors from the *Group Policy Printers* client-side extension.",
        "3. Check that the user is in the targeted group. A new group membership needs a **sign-out and sign-in** before targeting sees it.",
      ),
      [
        cmd(`gpupdate /force`, "Refresh Group Policy (run as the user)"),
        cmd(`gpresult /scope user /r`, "Applied user GPOs"),
        ps(
          `Get-WinEvent -FilterHashtable @{ LogName = 'Application'; ProviderName = 'Group Policy Printers'; StartTime = (Get-Date).AddDays(-2) } -ErrorAction SilentlyContinue | Select-Object TimeCreated, Id, LevelDisplayName, Message | Format-List`,
          "Group Policy Printers events",
        ),
        cmd(`whoami /groups | findstr /i "print"`, "User's print-related groups (current sign-in)"),
      ],
      [
        ["Printer appears after gpupdate / sign-out and in", "s-printer-gpo"],
        ["User not in the targeted group — added", "s-printer-gpo"],
        ["Policy applies but the printer install fails", "a-printer-driver"],
      ],
    ),
    "s-printer-physical": solution(
      "Resolved: printer back online after power/cable fix",
      "The printer came back after a power cycle or network cable fix. If this repeats, check the switch port's error counters, the printer's sleep/energy settings (some models drop off the network in deep sleep) and the printer's firmware.",
    ),
    "s-printer-port-fixed": solution(
      "Resolved: queue updated to the printer's new IP",
      md(
        "The queue now points at **[VAR:printer_ip]**. Make the address permanent:",
        "",
        "- Create a DHCP reservation for the printer's MAC address, or set a static IP outside the DHCP scope.",
        "- Remove the old unused port later (`Remove-PrinterPort`).",
      ),
    ),
    "s-printer-snmp": solution(
      "Resolved: SNMP status fixed",
      "The queue reported Offline because SNMP status polling failed. Either SNMP was fixed on the printer or SNMP status was turned off for the port. Note which in the ticket; if the port is managed by a print-server migration or script, update it there too.",
    ),
    "s-printer-workoffline": solution(
      "Resolved: 'Use Printer Offline' was ticked",
      "The queue was set to *Use Printer Offline* on the client. Unticked it; printing works. Show the user where the option is (printer queue window > Printer menu) so they recognise it next time.",
    ),
    "s-printer-spooler": solution(
      "Resolved: stuck jobs cleared and spooler restarted",
      "A stuck job blocked the queue. Cleared the jobs and restarted the Print Spooler; printing works. If it recurs with the same document type, check the driver version.",
    ),
    "s-printer-reconnected": solution(
      "Resolved: printer connection re-created",
      "The client's connection to the shared queue was stale. Removed and re-added it; printing works.",
    ),
    "s-printer-driver": solution(
      "Resolved: printer driver reinstalled/updated",
      "Printing works with driver **[VAR:driver_name]**. If other PCs use the same queue or model, roll the same driver out to them (print server, RMM or Intune) and record the version in the documentation.",
    ),
    "s-printer-gpo": solution(
      "Resolved: printer deployed by policy",
      "The printer appears after the policy refresh / group membership fix. If the user needed a new group, record the change and who approved it.",
    ),
    "e-printer-hardware": escalation(
      "Escalate: printer hardware or network fault",
      "Printer vendor / managed print provider (or on-site technician)",
      md(
        "The printer shows a hardware error or stays unreachable on the network after power and cable checks.",
        "",
        "Include: printer model and serial number, location, error code or panel photo, last known IP **[VAR:printer_ip]**, what was tried. If the link light stays off on a known-good cable and port, ask the network team to check the switch port/VLAN in parallel.",
        "",
        "Point users to the nearest alternative printer in the meantime.",
      ),
    ),
    "e-printer-print-team": escalation(
      "Escalate to the print server / infrastructure team",
      "Infrastructure team (print servers)",
      md(
        "The printer is reachable but the queue or driver still fails after spooler, SNMP and driver checks.",
        "",
        "Include: queue **[VAR:printer_name]** on **[VAR:print_server]**, affected client **[VAR:computer_name]**, driver name/version, PrintService admin log entries and the spooler crash events (7031/7034).",
      ),
    ),
  }),
};
