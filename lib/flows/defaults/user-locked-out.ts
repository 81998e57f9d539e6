import type { PortableFlow } from "../portable";
import { action, cmd, escalation, md, ps, question, solution, tree, variable } from "./build";

export const userLockedOut: PortableFlow = {
  name: "User locked out",
  description:
    "A user's account keeps getting locked. Finds where the lockout happens (on-premises AD or Entra ID smart lockout), traces the source with event 4740 and per-DC bad-password data, cleans up stale credentials (phones, mapped drives, saved credentials, services, RDP sessions), unlocks and resets the password under the verification rules, and escalates possible password-spray attacks.",
  type: "troubleshooting",
  category: "Identity",
  tags: ["active directory", "entra id", "account lockout", "password reset", "security"],
  visibility: "public",
  variables: [
    variable("user_upn", "User's sign-in address (UPN)", "email", "e.g. jane.doe@example.com", { required: true }),
    variable("sam_account_name", "AD logon name (sAMAccountName)", "text", "The pre-Windows 2000 logon name, e.g. jdoe. Only needed for on-premises / hybrid accounts."),
    variable("computer_name", "Lockout source computer", "hostname", "Fill in when event 4740 shows the caller computer."),
  ],
  structure: tree("q-lockout-where", {
    "q-lockout-where": question(
      "Where is the user locked out?",
      md(
        "**Verify the caller's identity before you change anything** (call back on the number in the HR/PSA record, or confirm with the manager). Lockout calls are a favourite social-engineering route.",
        "",
        "- **On-premises AD / hybrid**: Windows sign-in says *The referenced account is currently locked out*, file shares/VPN/RDP fail.",
        "- **Cloud-only** (Entra ID): Microsoft 365 sign-in says *Your account is temporarily locked to prevent unauthorized use* (smart lockout).",
      ),
      [
        ["Windows / on-premises AD sign-in (hybrid)", "a-lockout-ad-status"],
        ["Microsoft 365 / Entra ID sign-in (cloud-only)", "a-lockout-entra"],
        ["Not sure", "a-lockout-identify"],
      ],
    ),
    "a-lockout-identify": action(
      "Find out whether the account is synced from AD",
      md(
        "`OnPremisesSyncEnabled = True` means the account lives in Active Directory and is synced to Entra ID: AD lockouts matter (and with pass-through authentication, failed cloud sign-ins can also lock the AD account). Empty/False means cloud-only.",
      ),
      [
        ps(
          `
          Connect-MgGraph -Scopes 'User.Read.All' -NoWelcome
          Get-MgUser -UserId '[VAR:user_upn]' -Property DisplayName,AccountEnabled,OnPremisesSyncEnabled,OnPremisesSamAccountName,OnPremisesLastSyncDateTime |
            Select-Object DisplayName, AccountEnabled, OnPremisesSyncEnabled, OnPremisesSamAccountName, OnPremisesLastSyncDateTime
          `,
          "Synced or cloud-only?",
        ),
      ],
      [
        ["Synced from AD (hybrid)", "a-lockout-ad-status"],
        ["Cloud-only", "a-lockout-entra"],
      ],
    ),
    "a-lockout-ad-status": action(
      "Check the AD lockout state on every domain controller",
      md(
        "`LockedOut` replicates quickly (urgent replication to the PDC emulator), but **badPwdCount is stored per DC and not replicated**: the DC with the highest count and the latest `LastBadPasswordAttempt` is where the bad attempts arrive, and its site hints at the source.",
        "",
        "Also note the lockout policy (threshold, duration, observation window) — including fine-grained password policies — for the ticket.",
      ),
      [
        ps(
          `
          Get-ADUser -Identity '[VAR:sam_account_name]' -Properties Enabled, LockedOut, lockoutTime, BadLogonCount, LastBadPasswordAttempt, PasswordLastSet, PasswordExpired |
            Select-Object Name, Enabled, LockedOut, @{n='LockedAt';e={if ($_.lockoutTime) { [datetime]::FromFileTime($_.lockoutTime) }}}, LastBadPasswordAttempt, PasswordLastSet, PasswordExpired
          `,
          "Account state",
        ),
        ps(
          `
          Get-ADDomainController -Filter * | ForEach-Object {
            $dc = $_
            Get-ADUser -Identity '[VAR:sam_account_name]' -Server $dc.HostName -Properties badPwdCount, LastBadPasswordAttempt, LockedOut |
              Select-Object @{n='DC';e={$dc.HostName}}, @{n='Site';e={$dc.Site}}, LockedOut, badPwdCount, LastBadPasswordAttempt
          } | Sort-Object LastBadPasswordAttempt -Descending | Format-Table -AutoSize
          `,
          "Bad password count per DC",
        ),
        ps(
          `
          Get-ADDefaultDomainPasswordPolicy | Select-Object LockoutThreshold, LockoutDuration, LockoutObservationWindow
          Get-ADUserResultantPasswordPolicy -Identity '[VAR:sam_account_name]'
          `,
          "Lockout policy (domain + fine-grained)",
        ),
      ],
      [
        ["Locked out", "a-lockout-find-source"],
        ["Not locked, but disabled or password expired", "s-lockout-not-locked"],
        ["Not locked and enabled in AD", "a-lockout-entra"],
      ],
    ),
    "a-lockout-find-source": action(
      "Find the lockout source (event 4740)",
      md(
        "Every lockout is logged as Security event **4740** on the **PDC emulator**; *Caller Computer Name* is the machine that sent the bad passwords. Kerberos pre-authentication failures (**4771**, failure code `0x18` = bad password) on the DCs show the **client IP**, which helps when the caller name is empty.",
        "",
        "Run from a machine with RSAT and rights to read the DC Security logs (Event Log Readers or Domain Admins). Copy the caller computer into **[VAR:computer_name]**.",
      ),
      [
        ps(
          `
          $pdc = (Get-ADDomain).PDCEmulator
          Get-WinEvent -ComputerName $pdc -LogName Security -MaxEvents 20 -FilterXPath "*[System[EventID=4740] and EventData[Data[@Name='TargetUserName']='[VAR:sam_account_name]']]" |
            Select-Object TimeCreated, @{n='User';e={$_.Properties[0].Value}}, @{n='CallerComputer';e={$_.Properties[1].Value}}
          `,
          "Lockout events on the PDC emulator",
        ),
        ps(
          `
          Get-ADDomainController -Filter * | ForEach-Object {
            $dc = $_.HostName
            Get-WinEvent -ComputerName $dc -LogName Security -MaxEvents 10 -ErrorAction SilentlyContinue -FilterXPath "*[System[EventID=4771] and EventData[Data[@Name='TargetUserName']='[VAR:sam_account_name]']]" |
              Select-Object @{n='DC';e={$dc}}, TimeCreated, @{n='ClientAddress';e={$_.Properties[6].Value}}, @{n='FailureCode';e={$_.Properties[4].Value}}
          } | Sort-Object TimeCreated -Descending | Format-Table -AutoSize
          `,
          "Kerberos pre-auth failures with client IP (all DCs)",
        ),
        ps(`Resolve-DnsName -Name '[VAR:computer_name]' -ErrorAction SilentlyContinue | Select-Object Name, IPAddress`, "Resolve the caller computer"),
      ],
      [
        ["Caller is a user's PC or laptop", "a-lockout-stale-creds"],
        ["Caller is a server (Exchange, ADFS, RDS, NPS/VPN, IIS) or empty", "a-lockout-server-source"],
        ["No 4740 events found", "a-lockout-audit"],
      ],
    ),
    "a-lockout-audit": action(
      "Make lockouts traceable",
      md(
        "No 4740 events means either the Security log on the PDC has already rolled over (too small for the event volume) or *Audit User Account Management* is not enabled for domain controllers.",
        "",
        "1. Check the audit policy and the log size on the PDC emulator.",
        "2. Ask the AD team to enable **Success** auditing for *User Account Management* (and *Kerberos Authentication Service* failures) in the Default Domain Controllers Policy and to raise the Security log size (e.g. 1–4 GB) if it rolls over within hours.",
        "3. Unlock the account; the next lockout will then be traceable.",
      ),
      [
        ps(
          `
          $pdc = (Get-ADDomain).PDCEmulator
          Invoke-Command -ComputerName $pdc -ScriptBlock {
            auditpol /get /subcategory:"User Account Management","Kerberos Authentication Service"
            Get-WinEvent -ListLog Security | Select-Object LogName, @{n='MaxSizeMB';e={[math]::Round($_.MaximumSizeInBytes/1MB)}}, RecordCount
            (Get-WinEvent -LogName Security -MaxEvents 1 -Oldest).TimeCreated
          }
          `,
          "Audit policy, log size and oldest event on the PDC",
        ),
      ],
      "a-lockout-unlock",
    ),
    "a-lockout-server-source": action(
      "Trace lockouts that arrive through a server",
      md(
        "When the caller is a server, the bad passwords come **through** it from somewhere else:",
        "",
        "- **Exchange / IIS (OWA, ActiveSync, EWS)**: an old phone or mail app with the previous password, or an internet password spray. Check the IIS logs on the server for the user and the client IPs.",
        "- **ADFS**: extranet sign-ins (event 411 / 342 in the AD FS admin log). Extranet smart lockout should protect AD.",
        "- **NPS / VPN / Wi-Fi (802.1X PEAP)**: a phone or laptop with saved Wi-Fi/VPN credentials. NPS events 6273 show the *Calling Station Identifier* (MAC).",
        "- **RDS / terminal server**: a disconnected session still running with the old password (see stale credentials).",
        "- **Entra pass-through authentication**: failed cloud sign-ins are validated against AD and can lock it; check the Entra sign-in logs for the user.",
        "- **Empty caller** and many users affected at once: suspect a password spray.",
      ),
      [
        ps(
          `
          Connect-ExchangeOnline -ShowBanner:$false
          Get-EXOMobileDeviceStatistics -Mailbox '[VAR:user_upn]' | Select-Object DeviceModel, DeviceOS, DeviceUserAgent, LastSuccessSync, LastSyncAttemptTime, Status
          `,
          "Mobile devices syncing the mailbox",
        ),
        ps(
          `
          Invoke-Command -ComputerName '[VAR:computer_name]' -ScriptBlock {
            Get-ChildItem 'C:\\inetpub\\logs\\LogFiles' -Recurse -Filter *.log | Where-Object LastWriteTime -gt (Get-Date).AddDays(-1) |
              Select-String -Pattern '[VAR:sam_account_name]' -SimpleMatch | Where-Object { $_.Line -match ' 401 ' } | Select-Object -Last 20 -ExpandProperty Line
          }
          `,
          "Failed IIS requests for the user on that server (last 24 h)",
        ),
      ],
      [
        ["Found the device/app with the old password", "a-lockout-stale-creds"],
        ["Many sign-in attempts from unknown IPs / several users affected", "e-lockout-security"],
        ["Cannot identify the source", "e-lockout-ad"],
      ],
    ),
    "a-lockout-stale-creds": action(
      "Remove stale credentials at the source",
      md(
        "Something keeps trying the **old password**. Check, on **[VAR:computer_name]** and with the user:",
        "",
        "- **Phones/tablets**: mail app, Wi-Fi (802.1X), VPN — update or remove the account.",
        "- **Windows Credential Manager**: saved credentials for file servers, RDP hosts, Outlook (run `cmdkey /list` **as the user**).",
        "- **Mapped drives** connected with explicit credentials (`net use`).",
        "- **Scheduled tasks and services** running as the user (should be service accounts).",
        "- **Disconnected RDP/RDS sessions** still signed in with the old password — log them off.",
        "- Other PCs the user signed in to (shared PCs, meeting rooms) that are locked with the user's session.",
      ),
      [
        cmd(`cmdkey /list`, "Saved credentials (as the user)"),
        cmd(`net use`, "Mapped drives (as the user)"),
        ps(
          `
          Invoke-Command -ComputerName '[VAR:computer_name]' -ScriptBlock {
            Get-ScheduledTask | Where-Object { $_.Principal.UserId -match '[VAR:sam_account_name]' } | Select-Object TaskPath, TaskName, State
            Get-CimInstance Win32_Service | Where-Object StartName -match '[VAR:sam_account_name]' | Select-Object Name, StartName, State
          }
          `,
          "Tasks and services running as the user",
        ),
        cmd(`quser /server:[VAR:computer_name]`, "Sessions on the source computer"),
      ],
      [
        ["Stale credential found and removed", "a-lockout-unlock"],
        ["Nothing found on the source", "e-lockout-ad"],
      ],
    ),
    "a-lockout-unlock": action(
      "Unlock the account (and reset the password only if needed)",
      md(
        "Unlock on the **PDC emulator** so it takes effect everywhere at once.",
        "",
        "**Password reset rules:**",
        "- Only after verifying the caller (call back on a known number or manager confirmation) — never because an e-mail asked for it.",
        "- Never tell the new password to anyone but the user, and never send it by e-mail; use a one-time secret link or tell it by phone.",
        "- Tick *User must change password at next logon* — but not for remote users who sign in only via VPN/Microsoft 365, as they may not be able to change it (use self-service password reset instead).",
        "- If the user remembers the password, **unlock only**: a reset creates a new round of stale credentials on every device.",
      ),
      [
        ps(
          `
          $pdc = (Get-ADDomain).PDCEmulator
          Unlock-ADAccount -Identity '[VAR:sam_account_name]' -Server $pdc
          Get-ADUser -Identity '[VAR:sam_account_name]' -Server $pdc -Properties LockedOut | Select-Object Name, LockedOut
          `,
          "Unlock on the PDC emulator",
        ),
        ps(
          `
          $pdc = (Get-ADDomain).PDCEmulator
          Set-ADAccountPassword -Identity '[VAR:sam_account_name]' -Server $pdc -Reset -NewPassword (Read-Host -AsSecureString 'New temporary password')
          Set-ADUser -Identity '[VAR:sam_account_name]' -Server $pdc -ChangePasswordAtLogon $true
          `,
          "Only if needed: reset the password",
        ),
      ],
      "q-lockout-stays-unlocked",
    ),
    "q-lockout-stays-unlocked": question(
      "Does the account stay unlocked?",
      "Wait at least one lockout observation window (often 15–30 minutes) with the user working normally, then check `LockedOut` again on the PDC emulator.",
      [
        ["Stays unlocked", "s-lockout-unlocked"],
        ["Locked again — another source not yet cleaned", "a-lockout-find-source"],
        ["Locked again although all known sources are clean", "e-lockout-ad"],
      ],
    ),
    "a-lockout-entra": action(
      "Check Entra ID smart lockout and sign-in logs",
      md(
        "Entra ID **smart lockout** locks the sign-in for 60 seconds after 10 failures by default, and longer on repeat; admins cannot unlock it manually — it expires by itself. Familiar locations are treated separately from unfamiliar ones, so an attacker abroad usually does not lock the user out at the office.",
        "",
        "In the sign-in logs look at the error codes: **50053** locked (or sign-in from a malicious IP), **50126** wrong password, **50057** account disabled, **50055** password expired, **53003** blocked by Conditional Access. Check whether the failures come from the user's own devices/IPs or from unknown countries. (Sign-in logs via Graph need Entra ID P1.)",
      ),
      [
        ps(
          `
          Connect-MgGraph -Scopes 'AuditLog.Read.All','User.Read.All' -NoWelcome
          Get-MgAuditLogSignIn -Filter "userPrincipalName eq '[VAR:user_upn]'" -Top 50 |
            Where-Object { $_.Status.ErrorCode -ne 0 } |
            Select-Object CreatedDateTime, AppDisplayName, ClientAppUsed, IPAddress, @{n='Country';e={$_.Location.CountryOrRegion}}, @{n='Error';e={$_.Status.ErrorCode}}, @{n='Reason';e={$_.Status.FailureReason}} |
            Format-Table -AutoSize
          `,
          "Failed sign-ins for the user",
        ),
        ps(`Get-MgUser -UserId '[VAR:user_upn]' -Property AccountEnabled,LastPasswordChangeDateTime | Select-Object AccountEnabled, LastPasswordChangeDateTime`, "Account enabled, last password change"),
      ],
      [
        ["Failures come from the user's own devices/apps (old password)", "s-lockout-entra-stale"],
        ["User forgot the password", "a-lockout-reset-cloud"],
        ["Failures from unknown IPs or countries", "e-lockout-security"],
        ["Account disabled (50057) without a known reason", "e-lockout-security"],
      ],
    ),
    "a-lockout-reset-cloud": action(
      "Reset a cloud-only user's password",
      md(
        "Same verification rules as for AD: confirm the caller's identity first and hand over the temporary password securely. For **synced** users reset the password in AD instead (cloud resets only work with password writeback).",
        "",
        "Better for the future: make sure the user is registered for **self-service password reset** (https://aka.ms/sspr).",
      ),
      [
        ps(
          `
          Connect-MgGraph -Scopes 'User-PasswordProfile.ReadWrite.All' -NoWelcome
          $password = Read-Host 'New temporary password'
          Update-MgUser -UserId '[VAR:user_upn]' -PasswordProfile @{ Password = $password; ForceChangePasswordNextSignIn = $true }
          Remove-Variable password
          `,
          "Set a temporary password",
        ),
      ],
      "s-lockout-cloud-reset",
    ),
    "s-lockout-not-locked": solution(
      "Not a lockout: account disabled or password expired",
      md(
        "The account is not locked. If it is **disabled**, find out why before enabling it (leaver process? security action?) and get approval. If the **password expired**, let the user change it (Ctrl+Alt+Del > Change a password on a domain-connected PC, or reset under the verification rules).",
      ),
      [ps(`Get-ADUser -Identity '[VAR:sam_account_name]' -Properties Description, whenChanged | Select-Object Name, Enabled, Description, whenChanged`, "Why is it disabled? (description / last change)")],
    ),
    "s-lockout-unlocked": solution(
      "Resolved: source cleaned and account unlocked",
      md(
        "The account stays unlocked. Record in the ticket:",
        "",
        "- The lockout source (computer/device/app) and what was removed or updated.",
        "- Whether the password was reset or only unlocked.",
      ),
    ),
    "s-lockout-entra-stale": solution(
      "Resolved: device with the old password updated",
      "Smart lockout was triggered by the user's own device or app using an old password (mail app, Teams on a tablet, an old PC). The user updated or removed the account on that device; the lockout expires by itself within minutes.",
    ),
    "s-lockout-cloud-reset": solution(
      "Resolved: cloud password reset",
      "Temporary password set with change required at next sign-in, handed to the verified user securely. Check the user is registered for self-service password reset so they can help themselves next time.",
    ),
    "e-lockout-security": escalation(
      "Escalate: possible password spray or compromise",
      "Security team / SOC",
      md(
        "Failed sign-ins come from unknown IPs/countries, several users are affected at once, or the account was disabled unexpectedly.",
        "",
        "- **Do not** just unlock and move on.",
        "- Include the user **[VAR:user_upn]**, the sign-in log extract (times, IPs, countries, apps, error codes) and any 4740/4771 data.",
        "- If any sign-in **succeeded** from an unknown location, treat the account as compromised: revoke sessions (`Revoke-MgUserSignInSession`) and reset the password after the SOC agrees.",
      ),
    ),
    "e-lockout-ad": escalation(
      "Escalate to the AD / identity team",
      "Active Directory / identity team (L3)",
      md(
        "The account keeps locking and the source cannot be found or cleaned.",
        "",
        "Include: user **[VAR:sam_account_name]** / **[VAR:user_upn]**, lockout times, caller computers from 4740, client IPs from 4771, the per-DC badPwdCount table, and what was already checked and removed. The AD team can enable Netlogon debug logging on the DCs to trace NTLM sources.",
      ),
    ),
  }),
};
