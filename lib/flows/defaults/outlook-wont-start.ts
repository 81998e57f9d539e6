import type { PortableFlow } from "../portable";
import { action, escalation, md, ps, question, solution, tree, variable, cmd } from "./build";

export const outlookWontStart: PortableFlow = {
  name: "Outlook won't start",
  description:
    "Classic Outlook (Microsoft 365 Apps / Office 2019–2024) does not open, hangs on \"Loading profile\", crashes on launch or loops on sign-in. Works from the quick client-side fixes (hung process, safe mode, add-ins, navigation pane, OST, profile, Office repair) to the account side (licence, mailbox, MAPI, sign-in) before escalating to the messaging team.",
  type: "troubleshooting",
  category: "Email",
  tags: ["outlook", "microsoft 365", "exchange online", "office", "email"],
  visibility: "public",
  variables: [
    variable("user_upn", "User's sign-in address (UPN)", "email", "The affected user's Microsoft 365 sign-in name, e.g. jane.doe@example.com.", { required: true }),
    variable("computer_name", "Computer name", "hostname", "The user's PC, for the ticket and for remote commands.", {}),
  ],
  structure: tree("q-outlook-symptom", {
    "q-outlook-symptom": question(
      "What exactly happens when the user starts Outlook?",
      md(
        "Ask the user to start Outlook while you watch (remote session on **[VAR:computer_name]**). Note the exact error text for the ticket.",
        "",
        "This flow is for **classic Outlook** (OUTLOOK.EXE). If the user is on *new Outlook* (olk.exe / the \"New Outlook\" toggle is on), switch the toggle off to test classic Outlook, or treat it as a web/sign-in problem.",
      ),
      [
        ["Nothing appears, or it flashes and closes", "a-outlook-kill-processes"],
        ["Hangs on \"Loading profile\" / \"Processing\"", "a-outlook-kill-processes"],
        ["Crashes (\"Outlook has stopped working\")", "a-outlook-safe-mode"],
        ["\"Cannot open the Outlook window\" / \"set of folders cannot be opened\"", "a-outlook-resetnavpane"],
        ["Keeps asking for the password / sign-in loop", "a-outlook-check-account"],
        ["Error mentions the .ost data file", "a-outlook-rebuild-ost"],
      ],
    ),
    "a-outlook-kill-processes": action(
      "Close leftover Outlook processes and start it again",
      md(
        "A previous Outlook instance often stays running in the background (after a crash, a sleep/resume or an add-in hang) and blocks the next start.",
        "",
        "1. Run the first command **as the user** (not elevated) to see what is running.",
        "2. Stop the processes, wait 10 seconds, then start Outlook normally.",
        "",
        "If Teams is open it may hold the Outlook MAPI interface; the command also closes the Office click-to-run helper processes that keep the profile locked.",
      ),
      [
        ps(
          `Get-Process -Name OUTLOOK, UcMapi, olk -ErrorAction SilentlyContinue | Select-Object Name, Id, StartTime, Responding`,
          "Show Outlook processes",
        ),
        ps(
          `
          Get-Process -Name OUTLOOK, UcMapi -ErrorAction SilentlyContinue | Stop-Process -Force
          Start-Sleep -Seconds 10
          Start-Process outlook.exe
          `,
          "Stop them and restart Outlook",
        ),
      ],
      [
        ["Outlook opens normally now", "s-outlook-hung-process"],
        ["Still does not start", "a-outlook-safe-mode"],
      ],
    ),
    "a-outlook-safe-mode": action(
      "Start Outlook in safe mode",
      md(
        "Safe mode starts Outlook without COM add-ins, the reading pane customisations and toolbar settings. It tells you whether the problem is an add-in (safe mode works) or the profile, data file or installation (safe mode also fails).",
        "",
        "Alternative: hold **Ctrl** while clicking the Outlook icon and confirm the safe-mode prompt. Choose the usual profile when asked.",
      ),
      [ps(`Start-Process outlook.exe -ArgumentList '/safe'`, "Start Outlook in safe mode")],
      [
        ["Opens in safe mode", "a-outlook-disable-addins"],
        ["Fails in safe mode too", "a-outlook-rebuild-ost"],
      ],
    ),
    "a-outlook-disable-addins": action(
      "Find and disable the faulty add-in",
      md(
        "Outlook works without add-ins, so one of them is the cause. In safe mode open **File > Options > Add-ins**, choose **Manage: COM Add-ins > Go…**, untick **all** add-ins, close Outlook and start it normally. If it starts, re-enable the add-ins one at a time (restart Outlook after each) until it breaks again.",
        "",
        "Usual suspects: outdated PDF add-ins, CRM/PSA/DMS connectors, old Teams meeting add-in builds, e-mail signature and archiving tools, antivirus mail scanners.",
        "",
        "The command lists registered add-ins with their `LoadBehavior` (3 = load at start-up, 2 = disabled/unloaded, 16 = load on demand). Add-ins deployed in HKLM can only be changed by an admin or by the software that owns them.",
      ),
      [
        ps(
          `
          $paths = 'HKCU:\\Software\\Microsoft\\Office\\Outlook\\Addins\\*',
                   'HKLM:\\Software\\Microsoft\\Office\\Outlook\\Addins\\*',
                   'HKLM:\\Software\\WOW6432Node\\Microsoft\\Office\\Outlook\\Addins\\*'
          Get-ItemProperty -Path $paths -ErrorAction SilentlyContinue |
            Select-Object @{n='AddIn';e={$_.PSChildName}}, FriendlyName, LoadBehavior, @{n='Hive';e={$_.PSPath -replace '^.*::(HKEY_[A-Z_]+).*$','$1'}} |
            Sort-Object AddIn | Format-Table -AutoSize
          `,
          "List Outlook COM add-ins",
        ),
        ps(
          `Get-ItemProperty 'HKCU:\\Software\\Microsoft\\Office\\16.0\\Outlook\\Resiliency\\DisabledItems' -ErrorAction SilentlyContinue`,
          "Add-ins Outlook itself disabled after crashes",
        ),
      ],
      [
        ["Found the add-in: Outlook starts without it", "s-outlook-addin"],
        ["Still fails with all add-ins off", "a-outlook-rebuild-ost"],
      ],
    ),
    "a-outlook-resetnavpane": action(
      "Reset the navigation pane",
      md(
        "\"Cannot open the Outlook window. The set of folders cannot be opened\" is usually a corrupt navigation pane settings file (`profilename.xml`). `/resetnavpane` deletes and rebuilds it; favourites and folder-pane shortcuts are reset, mail is not touched.",
        "",
        "Close Outlook completely first (see the process check).",
      ),
      [
        ps(
          `
          Get-Process -Name OUTLOOK -ErrorAction SilentlyContinue | Stop-Process -Force
          Start-Process outlook.exe -ArgumentList '/resetnavpane'
          `,
          "Restart Outlook with a fresh navigation pane",
        ),
      ],
      [
        ["Outlook opens", "s-outlook-navpane"],
        ["Same error", "a-outlook-rebuild-ost"],
      ],
    ),
    "a-outlook-rebuild-ost": action(
      "Rebuild the offline cache (OST)",
      md(
        "In Cached Exchange Mode the .ost file is only a local copy of the Exchange Online mailbox; renaming it makes Outlook download a fresh one. **Check first:**",
        "",
        "- The **Outbox** has no unsent items and there are no local-only folders (unsynced items in the OST are lost).",
        "- Mail data kept in **.pst** files is not affected; never rename a .pst this way.",
        "- A large mailbox will re-download (several GB). On slow links, agree a time with the user or lower the *Download email for the past* slider first.",
        "",
        "Rename rather than delete so you can go back. Outlook must be closed.",
      ),
      [
        ps(
          `
          Get-ChildItem "$env:LOCALAPPDATA\\Microsoft\\Outlook" -Filter *.ost |
            Select-Object Name, @{n='SizeGB';e={[math]::Round($_.Length/1GB,2)}}, LastWriteTime
          `,
          "Show OST files and sizes",
        ),
        ps(
          `
          Get-Process -Name OUTLOOK -ErrorAction SilentlyContinue | Stop-Process -Force
          Start-Sleep -Seconds 5
          Get-ChildItem "$env:LOCALAPPDATA\\Microsoft\\Outlook" -Filter *.ost |
            Rename-Item -NewName { "$($_.Name).old-$(Get-Date -Format yyyyMMdd-HHmm)" } -PassThru
          Start-Process outlook.exe
          `,
          "Rename the OST and start Outlook",
        ),
      ],
      [
        ["Outlook opens and starts syncing", "s-outlook-ost-rebuilt"],
        ["Still fails (or the OST is locked/missing)", "a-outlook-new-profile"],
      ],
    ),
    "a-outlook-new-profile": action(
      "Create a new Outlook profile",
      md(
        "A corrupt mail profile survives OST rebuilds and Office repairs. Create a second profile and test with it; keep the old one until the new one is confirmed.",
        "",
        "1. Open the Mail control panel (first command) > **Show Profiles… > Add…**, name it e.g. `Outlook-new`, and let Autodiscover set up **[VAR:user_upn]**.",
        "2. Select **Prompt for a profile to be used**, start Outlook and choose the new profile.",
        "3. Shared mailboxes the user has Full Access to are auto-mapped again; additional accounts and .pst files must be re-added by hand — note them from the old profile first.",
        "",
        "The second command lists the existing profiles.",
      ),
      [
        cmd(`control.exe mlcfg32.cpl`, "Open the Mail control panel"),
        ps(
          `Get-ChildItem 'HKCU:\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles' | Select-Object -ExpandProperty PSChildName`,
          "List Outlook profiles",
        ),
      ],
      [
        ["New profile works", "s-outlook-new-profile"],
        ["New profile cannot find or sign in to the mailbox", "a-outlook-check-account"],
        ["New profile fails the same way", "a-outlook-repair-office"],
      ],
    ),
    "a-outlook-repair-office": action(
      "Update and repair Microsoft 365 Apps",
      md(
        "Damaged program files cause crashes that no profile change fixes.",
        "",
        "1. Run **Quick Repair** first (offline, about 5 minutes, closes all Office apps — save work first).",
        "2. If that does not help, run **Online Repair** (`RepairType=FullRepair`): it reinstalls Office from the CDN, takes 20–60 minutes and needs the internet. Activation and settings are kept.",
        "3. Make sure the build is current: an Office update also replaces broken files.",
        "",
        "Run the repair commands **elevated**. For MSI-based Office 2016/2019 volume installs use *Apps & features > Modify > Repair* instead.",
      ),
      [
        ps(
          `
          Get-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft\\Office\\ClickToRun\\Configuration' |
            Select-Object VersionToReport, Platform, ClientCulture, ProductReleaseIds, UpdateChannel
          `,
          "Show Office version, channel and platform",
        ),
        ps(
          `
          $c2r = Get-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft\\Office\\ClickToRun\\Configuration'
          & 'C:\\Program Files\\Common Files\\microsoft shared\\ClickToRun\\OfficeClickToRun.exe' scenario=Repair platform=$($c2r.Platform) culture=$($c2r.ClientCulture) RepairType=QuickRepair forceappshutdown=True DisplayLevel=True
          `,
          "Quick Repair",
        ),
        ps(
          `
          $c2r = Get-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft\\Office\\ClickToRun\\Configuration'
          & 'C:\\Program Files\\Common Files\\microsoft shared\\ClickToRun\\OfficeClickToRun.exe' scenario=Repair platform=$($c2r.Platform) culture=$($c2r.ClientCulture) RepairType=FullRepair forceappshutdown=True DisplayLevel=True
          `,
          "Online Repair (reinstall from the internet)",
        ),
        cmd(`"C:\\Program Files\\Common Files\\microsoft shared\\ClickToRun\\OfficeC2RClient.exe" /update user`, "Update Office now"),
      ],
      [
        ["Outlook works after repair/update", "s-outlook-office-repaired"],
        ["Still broken", "a-outlook-check-account"],
      ],
    ),
    "a-outlook-check-account": action(
      "Check the account: licence, mailbox, protocol access, sign-ins",
      md(
        "Run from an admin workstation (Microsoft Graph PowerShell and ExchangeOnlineManagement modules). Look for:",
        "",
        "- **Account disabled** or **no Exchange service plan** (`EXCHANGE_S_*` missing, or `ProvisioningStatus` not *Success*).",
        "- **Mailbox missing** or recently re-created (licence removed and re-added).",
        "- `MAPIEnabled` = **False** on the CAS mailbox: desktop Outlook is blocked while OWA still works.",
        "- Failed sign-ins: error **50126** (wrong password), **50053** (locked), **53003** (blocked by Conditional Access), **50076/50079** (MFA needed). Sign-in logs via Graph need Entra ID P1.",
        "",
        "Fix what you find (assign the licence, enable MAPI, ask the user to update a stale password) and give provisioning 15–30 minutes.",
      ),
      [
        ps(
          `
          Connect-MgGraph -Scopes 'User.Read.All','AuditLog.Read.All' -NoWelcome
          Get-MgUser -UserId '[VAR:user_upn]' -Property DisplayName,AccountEnabled,UsageLocation | Select-Object DisplayName, AccountEnabled, UsageLocation
          Get-MgUserLicenseDetail -UserId '[VAR:user_upn]' | ForEach-Object {
            $sku = $_.SkuPartNumber
            $_.ServicePlans | Where-Object ServicePlanName -like 'EXCHANGE*' | Select-Object @{n='Sku';e={$sku}}, ServicePlanName, ProvisioningStatus
          }
          `,
          "Graph: account enabled + Exchange licence",
        ),
        ps(
          `
          Connect-ExchangeOnline -ShowBanner:$false
          Get-EXOMailbox -Identity '[VAR:user_upn]' -Properties WhenMailboxCreated | Select-Object DisplayName, RecipientTypeDetails, WhenMailboxCreated
          Get-EXOCASMailbox -Identity '[VAR:user_upn]' -Properties MAPIEnabled, OWAEnabled, EwsEnabled | Select-Object MAPIEnabled, OWAEnabled, EwsEnabled
          `,
          "Exchange Online: mailbox + MAPI access",
        ),
        ps(
          `
          Get-MgAuditLogSignIn -Filter "userPrincipalName eq '[VAR:user_upn]'" -Top 20 |
            Select-Object CreatedDateTime, AppDisplayName, ClientAppUsed, IPAddress, @{n='Error';e={$_.Status.ErrorCode}}, @{n='Reason';e={$_.Status.FailureReason}}, ConditionalAccessStatus |
            Format-Table -AutoSize
          `,
          "Recent sign-ins",
        ),
        ps(`Set-CASMailbox -Identity '[VAR:user_upn]' -MAPIEnabled $true`, "Re-enable MAPI (only if it was off without a documented reason)"),
      ],
      [
        ["Found and fixed an account problem", "s-outlook-account-fixed"],
        ["Account, licence and mailbox are healthy", "a-outlook-reset-identity"],
      ],
    ),
    "a-outlook-reset-identity": action(
      "Clear cached Office credentials on the PC",
      md(
        "When the account is healthy but this PC keeps prompting or fails to sign in, the cached Office/WAM tokens are usually stale (after a password change, tenant migration or UPN change).",
        "",
        "1. Check the device's Entra join state and Primary Refresh Token (`AzureAdPrt : YES` is expected on Entra-joined/hybrid devices).",
        "2. Close all Office apps, then remove the cached Office credentials (run **as the user**, not elevated).",
        "3. Start Outlook and sign in as **[VAR:user_upn]** when asked. On Entra-registered personal devices also check *Settings > Accounts > Access work or school* for a duplicate or disconnected account.",
      ),
      [
        cmd(`dsregcmd /status | findstr /i "AzureAdJoined DomainJoined WorkplaceJoined AzureAdPrt TenantName"`, "Device join state and PRT"),
        ps(
          `
          Get-Process -Name OUTLOOK, WINWORD, EXCEL, POWERPNT, ms-teams -ErrorAction SilentlyContinue | Stop-Process -Force
          cmdkey /list | Select-String -Pattern 'MicrosoftOffice|msteams' | ForEach-Object {
            $target = ($_.Line -split 'Target:\\s*')[1].Trim()
            cmdkey /delete:$target
          }
          `,
          "Remove cached Office credentials",
        ),
      ],
      [
        ["Signs in and Outlook opens", "s-outlook-identity"],
        ["Still failing", "a-outlook-collect-logs"],
      ],
    ),
    "a-outlook-collect-logs": action(
      "Collect evidence for the messaging team",
      md(
        "Gather this before escalating so the next engineer does not repeat your steps:",
        "",
        "- Office version/channel (repair step) and the exact error text or a screenshot.",
        "- Application log crash events for OUTLOOK.EXE (faulting module names such as an add-in DLL are the key clue).",
        "- The steps you already tried in this session and their results.",
      ),
      [
        ps(
          `
          Get-WinEvent -FilterHashtable @{ LogName = 'Application'; Id = 1000, 1001, 1002; StartTime = (Get-Date).AddDays(-3) } -ErrorAction SilentlyContinue |
            Where-Object Message -match 'OUTLOOK.EXE' |
            Select-Object -First 10 TimeCreated, Id, @{n='Detail';e={($_.Message -split '\\r?\\n' | Select-Object -First 4) -join ' | '}} |
            Format-List
          `,
          "Outlook crash and hang events (last 3 days)",
        ),
      ],
      "e-outlook-messaging",
    ),
    "s-outlook-hung-process": solution(
      "Resolved: a hung Outlook process was blocking start-up",
      md(
        "Outlook starts after ending the leftover OUTLOOK.EXE process.",
        "",
        "If it happens again, check for an add-in that stops Outlook from closing cleanly (File > Options > Add-ins) and make sure Office is up to date.",
      ),
    ),
    "s-outlook-addin": solution(
      "Resolved: faulty add-in disabled",
      md(
        "Outlook starts once the faulty COM add-in is disabled. Record **which add-in** in the ticket.",
        "",
        "- Update or reinstall the add-in from its vendor, then re-enable it and test.",
        "- If it was deployed centrally (GPO/Intune), tell the owner of that deployment so other users are not hit.",
      ),
    ),
    "s-outlook-navpane": solution(
      "Resolved: navigation pane reset",
      "Outlook opens after `/resetnavpane`. Let the user know that favourites and folder-pane shortcuts were reset and may need re-adding.",
    ),
    "s-outlook-ost-rebuilt": solution(
      "Resolved: offline cache rebuilt",
      md(
        "Outlook opens with a new OST and resynchronises the mailbox. Let it finish syncing (status bar: *All folders are up to date*).",
        "",
        "Delete the renamed `.ost.old-*` file after a few days once the user confirms nothing is missing.",
      ),
      [ps(`Get-ChildItem "$env:LOCALAPPDATA\\Microsoft\\Outlook" -Filter *.ost.old-* | Remove-Item -Confirm`, "Later: remove the old OST")],
    ),
    "s-outlook-new-profile": solution(
      "Resolved: new Outlook profile",
      md(
        "The new profile works. Finish the job:",
        "",
        "1. In the Mail control panel select **Always use this profile** with the new profile.",
        "2. Re-add additional accounts, .pst files and the signature if they were in the old profile.",
        "3. Remove the old profile after the user confirms everything is there.",
      ),
    ),
    "s-outlook-office-repaired": solution(
      "Resolved: Microsoft 365 Apps repaired/updated",
      "Outlook starts after the Office repair or update. Note the Office build before/after in the ticket; if several users show the same crash on one build, raise it with the messaging team (possible bad update on that channel).",
    ),
    "s-outlook-account-fixed": solution(
      "Resolved: account, licence or mailbox access fixed",
      "The cause was on the account side (licence, disabled account, MAPI blocked, stale password or Conditional Access). Record what was changed and by whom; if Conditional Access was involved, note the policy name.",
    ),
    "s-outlook-identity": solution(
      "Resolved: stale cached credentials cleared",
      "Outlook signs in after clearing the cached Office credentials. If it recurs on the same device, check the device's PRT (`dsregcmd /status`) and whether the device is still healthy in Entra ID.",
    ),
    "e-outlook-messaging": escalation(
      "Escalate to the messaging / Microsoft 365 team",
      "Messaging / Microsoft 365 team (L3)",
      md(
        "Outlook still fails after process cleanup, safe mode, add-ins, OST rebuild, new profile, Office repair and account checks.",
        "",
        "Include in the escalation:",
        "- User **[VAR:user_upn]**, computer **[VAR:computer_name]**, Office build and channel.",
        "- Exact error / screenshot and the crash events collected.",
        "- Whether Outlook on the web and Outlook on another PC work for the same user (separates mailbox from device problems).",
        "",
        "Interim workaround for the user: Outlook on the web (https://outlook.office.com).",
      ),
    ),
  }),
};
