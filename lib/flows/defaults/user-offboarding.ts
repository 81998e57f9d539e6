import type { PortableFlow } from "../portable";
import { end, md, procedure, ps, section, step, variable } from "./build";

export const userOffboarding: PortableFlow = {
  name: "User offboarding",
  description:
    "Remove a leaver's access safely and keep their data: snapshot what they had, block sign-in and revoke sessions, reset the password, convert the mailbox to shared with manager access, forwarding and auto-reply, give the manager the OneDrive, remove groups and licences in the right order, wipe or retire devices, and document. Works for hybrid (AD + Entra ID) and cloud-only tenants; for hostile leavers do the 'Block access' section first, at the agreed minute.",
  type: "procedural",
  category: "Identity",
  tags: ["offboarding", "leaver", "active directory", "entra id", "exchange online", "intune"],
  visibility: "public",
  variables: [
    variable("user_upn", "Leaver's UPN", "email", "e.g. jane.doe@example.com", { required: true }),
    variable("sam_account_name", "Leaver's AD logon name", "text", "sAMAccountName, e.g. jdoe (hybrid only)."),
    variable("manager_upn", "Manager's UPN", "email", "Receives mailbox and OneDrive access, e.g. john.smith@example.com.", { required: true }),
    variable("forward_to", "Forward mail to", "email", "Internal address that should receive new mail, if requested. Leave empty for no forwarding."),
    variable("ticket_number", "Ticket number", "text", "The offboarding ticket, written into the account description.", { required: true }),
    variable("sync_server", "Entra Connect server", "hostname", "Server running Microsoft Entra Connect Sync (hybrid only)."),
    variable("tenant_name", "SharePoint tenant name", "text", "The part before .sharepoint.com, e.g. contoso for contoso.sharepoint.com."),
    variable("disabled_ou", "Disabled users OU", "text", "Distinguished name of the OU for disabled accounts (must still be synced), e.g. OU=Disabled Users,DC=corp,DC=example,DC=com."),
    variable("computer_name", "Leaver's device", "hostname", "Company device to wipe or reset, as named in Intune/AD."),
  ],
  structure: procedure(
    section("sec-offboard-prepare", "Before you start"),
    step("s-offboard-request", "Confirm the request, timing and data requirements", {
      type: "verification",
      description: md(
        "Check the ticket **[VAR:ticket_number]** has an authorised request (HR or the manager) with:",
        "",
        "- Last working day and the **exact time access must end**. For a hostile or immediate termination, agree the minute with HR and run *Block access* while the meeting happens.",
        "- Who gets the mailbox and OneDrive (default: the manager **[VAR:manager_upn]**), whether mail is forwarded, the auto-reply text, and how long data must be kept.",
        "- Any **legal hold / retention** requirement (then the mailbox may need a licence or a hold before anything is removed).",
        "- Devices to collect (laptop, phone, tokens, badges).",
      ),
      expected: "An authorised request with timing, data owner and retention requirements recorded in the ticket.",
    }),
    step("s-offboard-snapshot", "Snapshot the user's current access", {
      description: md(
        "Export groups, licences and devices **before** removing anything, so access can be restored (rehire, mistake) and you can prove what was removed. Run from an admin workstation; files go to your Documents folder — attach them to the ticket.",
      ),
      commands: [
        ps(
          `
          Connect-MgGraph -Scopes 'User.ReadWrite.All','Directory.ReadWrite.All','GroupMember.ReadWrite.All','DeviceManagementManagedDevices.PrivilegedOperations.All','DeviceManagementManagedDevices.Read.All' -NoWelcome
          $folder = Join-Path ([Environment]::GetFolderPath('MyDocuments')) "Offboarding-[VAR:ticket_number]"
          New-Item -ItemType Directory -Path $folder -Force | Out-Null
          Get-MgUserMemberOf -UserId '[VAR:user_upn]' -All |
            Select-Object Id, @{n='Name';e={$_.AdditionalProperties['displayName']}}, @{n='Type';e={$_.AdditionalProperties['@odata.type']}} |
            Export-Csv -Path "$folder\\cloud-memberships.csv" -NoTypeInformation
          Get-MgUserLicenseDetail -UserId '[VAR:user_upn]' | Select-Object SkuPartNumber, SkuId | Export-Csv -Path "$folder\\licences.csv" -NoTypeInformation
          Get-MgDeviceManagementManagedDevice -Filter "userPrincipalName eq '[VAR:user_upn]'" |
            Select-Object DeviceName, Id, OperatingSystem, SerialNumber, ManagedDeviceOwnerType, LastSyncDateTime | Export-Csv -Path "$folder\\devices.csv" -NoTypeInformation
          Get-ChildItem $folder
          `,
          "Entra ID: memberships, licences, devices",
        ),
        ps(
          `
          $folder = Join-Path ([Environment]::GetFolderPath('MyDocuments')) "Offboarding-[VAR:ticket_number]"
          Get-ADUser -Identity '[VAR:sam_account_name]' -Properties MemberOf | Select-Object -ExpandProperty MemberOf | Out-File -FilePath "$folder\\ad-groups.txt"
          `,
          "Active Directory groups (hybrid)",
        ),
      ],
      expected: "CSV/TXT files with the user's memberships, licences and devices, attached to the ticket.",
    }),
    section("sec-offboard-block", "Block access"),
    step("s-offboard-disable", "Disable the account", {
      description: md(
        "- **Hybrid**: disable in AD, stamp the description, and run a delta sync so Entra ID blocks sign-in within minutes instead of up to 30.",
        "- **Cloud-only**: block sign-in in Entra ID.",
        "",
        "Disabling (not deleting) keeps the mailbox, OneDrive and group history intact.",
      ),
      commands: [
        ps(
          `
          Disable-ADAccount -Identity '[VAR:sam_account_name]'
          Set-ADUser -Identity '[VAR:sam_account_name]' -Description "Disabled $(Get-Date -Format yyyy-MM-dd) - ticket [VAR:ticket_number]"
          Invoke-Command -ComputerName '[VAR:sync_server]' -ScriptBlock { Start-ADSyncSyncCycle -PolicyType Delta }
          `,
          "Hybrid: disable in AD and sync",
        ),
        ps(`Update-MgUser -UserId '[VAR:user_upn]' -AccountEnabled:$false`, "Cloud-only: block sign-in"),
        ps(`Get-MgUser -UserId '[VAR:user_upn]' -Property AccountEnabled | Select-Object AccountEnabled`, "Check (after the sync for hybrid)"),
      ],
      expected: "AccountEnabled = False in Entra ID (and Enabled = False in AD for hybrid).",
    }),
    step("s-offboard-password", "Reset the password to a random value", {
      description: md(
        "A random password nobody knows stops reuse of saved credentials and app passwords. Nobody needs to know it; it is not written down. For hybrid users reset it in AD; for cloud-only users in Entra ID.",
      ),
      commands: [
        ps(
          `
          $bytes = New-Object byte[] 24
          [System.Security.Cryptography.RandomNumberGenerator]::Create().GetBytes($bytes)
          $random = [Convert]::ToBase64String($bytes) + 'aA1!'
          Set-ADAccountPassword -Identity '[VAR:sam_account_name]' -Reset -NewPassword (ConvertTo-SecureString -String $random -AsPlainText -Force)
          Remove-Variable random, bytes
          `,
          "Hybrid: random AD password",
        ),
        ps(
          `
          $bytes = New-Object byte[] 24
          [System.Security.Cryptography.RandomNumberGenerator]::Create().GetBytes($bytes)
          $random = [Convert]::ToBase64String($bytes) + 'aA1!'
          Update-MgUser -UserId '[VAR:user_upn]' -PasswordProfile @{ Password = $random; ForceChangePasswordNextSignIn = $false }
          Remove-Variable random, bytes
          `,
          "Cloud-only: random Entra ID password",
        ),
      ],
      expected: "Password reset without errors.",
    }),
    step("s-offboard-revoke", "Revoke sessions and sign out of mobile devices", {
      description: md(
        "Revoking invalidates refresh tokens so apps on phones and other PCs must sign in again (which now fails). Access tokens already issued can stay valid for up to an hour, except in apps that support Continuous Access Evaluation.",
        "",
        "Also remove the mailbox from phones using Exchange ActiveSync (account-only wipe removes just the mail profile, not the user's personal data).",
      ),
      commands: [
        ps(`Revoke-MgUserSignInSession -UserId '[VAR:user_upn]'`, "Revoke all sign-in sessions"),
        ps(
          `
          Connect-ExchangeOnline -ShowBanner:$false
          Get-MobileDevice -Mailbox '[VAR:user_upn]' | Select-Object FriendlyName, DeviceModel, DeviceOS, FirstSyncTime, Identity
          `,
          "Phones syncing the mailbox",
        ),
        ps(`Get-MobileDevice -Mailbox '[VAR:user_upn]' | ForEach-Object { Clear-MobileDevice -Identity $_.Identity -AccountOnly -Confirm:$false }`, "Account-only wipe of the mailbox on those phones"),
      ],
      expected: "Revoke returns True; mobile devices show a pending account-only wipe.",
    }),
    section("sec-offboard-mailbox", "Mailbox and data"),
    step("s-offboard-mailbox-check", "Check the mailbox before converting it", {
      type: "warning",
      description: md(
        "**Check first** — converting and then removing the licence is only safe when:",
        "",
        "- The mailbox is **under 50 GB** (shared mailboxes above 50 GB need a licence).",
        "- There is **no online archive and no litigation hold** that must be kept (both need an Exchange Online Plan 2 or Archiving licence on a shared mailbox).",
        "",
        "If any of these apply, keep an appropriate licence on the mailbox and note it in the ticket.",
      ),
      commands: [
        ps(`Get-EXOMailboxStatistics -Identity '[VAR:user_upn]' | Select-Object DisplayName, TotalItemSize, ItemCount`, "Mailbox size"),
        ps(`Get-EXOMailbox -Identity '[VAR:user_upn]' -Properties LitigationHoldEnabled, ArchiveStatus, InPlaceHolds | Select-Object LitigationHoldEnabled, ArchiveStatus, InPlaceHolds`, "Archive and holds"),
      ],
      expected: "Size under 50 GB, ArchiveStatus None, LitigationHoldEnabled False — or a documented decision to keep a licence.",
    }),
    step("s-offboard-convert", "Convert to a shared mailbox and give the manager access", {
      description: md(
        "Converting keeps all mail and lets the manager open it without a licence. Full Access with auto-mapping makes it appear in the manager's Outlook within about an hour.",
        "",
        "Hybrid tenants that still manage recipients with an on-premises Exchange server should also run `Set-RemoteMailbox -Identity [VAR:sam_account_name] -Type Shared` there so the on-premises object matches.",
      ),
      commands: [
        ps(
          `
          Set-Mailbox -Identity '[VAR:user_upn]' -Type Shared
          Add-MailboxPermission -Identity '[VAR:user_upn]' -User '[VAR:manager_upn]' -AccessRights FullAccess -InheritanceType All -AutoMapping $true
          Get-EXOMailbox -Identity '[VAR:user_upn]' | Select-Object DisplayName, RecipientTypeDetails
          `,
          "Convert and grant Full Access",
        ),
      ],
      expected: "RecipientTypeDetails = SharedMailbox; the manager has Full Access.",
    }),
    step("s-offboard-forwarding", "Set forwarding and the auto-reply", {
      description: md(
        "Only forward if the request asks for it, and only to **internal** addresses (external forwarding is blocked by the default outbound spam policy and leaks data). Keep a copy in the mailbox.",
        "",
        "The auto-reply tells senders who to contact instead. Agree the text with the manager; the command uses a neutral default.",
      ),
      commands: [
        ps(`Set-Mailbox -Identity '[VAR:user_upn]' -ForwardingAddress '[VAR:forward_to]' -DeliverToMailboxAndForward $true`, "Forward to an internal recipient"),
        ps(
          `
          $message = 'Thank you for your message. I am no longer with the company. Please contact [VAR:manager_upn] instead.'
          Set-MailboxAutoReplyConfiguration -Identity '[VAR:user_upn]' -AutoReplyState Enabled -InternalMessage $message -ExternalMessage $message -ExternalAudience All
          `,
          "Auto-reply",
        ),
      ],
      expected: "Get-Mailbox shows ForwardingAddress (if requested); the auto-reply is Enabled.",
    }),
    step("s-offboard-hide-gal", "Hide the mailbox from the address book", {
      description: "Stops colleagues picking the leaver from the global address list. For synced users the setting comes from AD (the attribute exists if the AD schema was extended for Exchange); for cloud-only users set it in Exchange Online.",
      commands: [
        ps(`Set-ADUser -Identity '[VAR:sam_account_name]' -Replace @{ msExchHideFromAddressLists = $true }`, "Hybrid: hide via AD"),
        ps(`Set-Mailbox -Identity '[VAR:user_upn]' -HiddenFromAddressListsEnabled $true`, "Cloud-only: hide in Exchange Online"),
      ],
      expected: "HiddenFromAddressListsEnabled = True after the next sync.",
    }),
    step("s-offboard-onedrive", "Give the manager access to the OneDrive", {
      description: md(
        "Makes the manager a site collection admin of the leaver's OneDrive so they can copy what the business needs. Send them the OneDrive URL.",
        "",
        "OneDrive content is deleted after the tenant's retention period once the **user** is deleted (default 30 days, `Get-SPOTenant | Select OrphanedPersonalSitesRetentionPeriod`). Tell the manager the deadline.",
        "",
        "Needs the SharePoint Online Management Shell and the SharePoint admin role.",
      ),
      commands: [
        ps(
          `
          $drive = Invoke-MgGraphRequest -Method GET -Uri 'https://graph.microsoft.com/v1.0/users/[VAR:user_upn]/drive?$select=webUrl'
          $oneDriveUrl = $drive.webUrl -replace '/Documents$', ''
          Connect-SPOService -Url 'https://[VAR:tenant_name]-admin.sharepoint.com'
          Set-SPOUser -Site $oneDriveUrl -LoginName '[VAR:manager_upn]' -IsSiteCollectionAdmin $true
          "OneDrive for the manager: $oneDriveUrl"
          `,
          "Grant the manager access and show the URL",
        ),
      ],
      expected: "The manager is site collection admin and has the OneDrive URL.",
    }),
    section("sec-offboard-access", "Groups and licences"),
    step("s-offboard-groups", "Remove group memberships", {
      description: md(
        "Remove the user from cloud groups, distribution lists and AD groups (the snapshot lets you restore them). The script skips groups it cannot change from Graph: synced from AD (change in AD), dynamic (rule-based), and mail-enabled security / distribution groups (handled by the Exchange command).",
        "",
        "Also check for **admin roles** (`#microsoft.graph.directoryRole` in the snapshot) and remove them in *Entra ID > Roles*, and ownership of Teams/groups (hand it to the manager).",
      ),
      commands: [
        ps(
          `
          $user = Get-MgUser -UserId '[VAR:user_upn]'
          Get-MgUserMemberOf -UserId $user.Id -All | Where-Object { $_.AdditionalProperties['@odata.type'] -eq '#microsoft.graph.group' } | ForEach-Object {
            $g = Get-MgGroup -GroupId $_.Id -Property Id,DisplayName,OnPremisesSyncEnabled,GroupTypes,MailEnabled,SecurityEnabled
            if ($g.OnPremisesSyncEnabled) { "Skipped (synced from AD): $($g.DisplayName)" }
            elseif ($g.GroupTypes -contains 'DynamicMembership') { "Skipped (dynamic): $($g.DisplayName)" }
            elseif ($g.MailEnabled -and $g.GroupTypes -notcontains 'Unified') { "Skipped (Exchange-managed): $($g.DisplayName)" }
            else { Remove-MgGroupMemberByRef -GroupId $g.Id -DirectoryObjectId $user.Id; "Removed: $($g.DisplayName)" }
          }
          `,
          "Cloud groups and Microsoft 365 groups / Teams",
        ),
        ps(
          `
          $dn = (Get-EXORecipient -Identity '[VAR:user_upn]').DistinguishedName
          Get-Recipient -Filter "Members -eq '$dn'" -RecipientTypeDetails MailUniversalDistributionGroup, MailUniversalSecurityGroup -ResultSize Unlimited | ForEach-Object {
            Remove-DistributionGroupMember -Identity $_.Identity -Member '[VAR:user_upn]' -BypassSecurityGroupManagerCheck -Confirm:$false
            "Removed from $($_.DisplayName)"
          }
          `,
          "Distribution lists (Exchange Online)",
        ),
        ps(
          `
          Get-ADUser -Identity '[VAR:sam_account_name]' -Properties MemberOf | Select-Object -ExpandProperty MemberOf | ForEach-Object {
            Remove-ADGroupMember -Identity $_ -Members '[VAR:sam_account_name]' -Confirm:$false
            "Removed from $_"
          }
          `,
          "Active Directory groups (hybrid)",
        ),
      ],
      expected: "Only dynamic groups (and Domain Users) remain.",
    }),
    step("s-offboard-licences", "Remove the licences", {
      type: "warning",
      description: md(
        "**Check first:** the mailbox must already be **shared** (previous section). Removing the licence from a *user* mailbox starts a 30-day countdown after which the mailbox is deleted.",
        "",
        "Licences assigned through a group disappear when the user leaves that group; the command removes the directly assigned ones. Then reduce the subscription count at the next renewal (or reuse the licence).",
      ),
      commands: [
        ps(`Get-EXOMailbox -Identity '[VAR:user_upn]' | Select-Object RecipientTypeDetails`, "Confirm: SharedMailbox"),
        ps(
          `
          $skus = @(Get-MgUserLicenseDetail -UserId '[VAR:user_upn]' | Select-Object -ExpandProperty SkuId)
          if ($skus.Count) { Set-MgUserLicense -UserId '[VAR:user_upn]' -AddLicenses @() -RemoveLicenses $skus | Out-Null }
          Get-MgUserLicenseDetail -UserId '[VAR:user_upn]' | Select-Object SkuPartNumber
          `,
          "Remove all directly assigned licences",
        ),
      ],
      expected: "No licences left (or only the one kept on purpose for archive/hold).",
    }),
    step("s-offboard-move-ou", "Move the AD account to the disabled-users OU", {
      type: "warning",
      description: md(
        "**Check first:** the target OU **[VAR:disabled_ou]** must still be **in sync scope** of Entra Connect. Moving the user to an OU that is not synced deletes the cloud user — and with it the shared mailbox and OneDrive after the retention period.",
        "",
        "Skip for cloud-only tenants.",
      ),
      commands: [ps(`Get-ADUser -Identity '[VAR:sam_account_name]' | Move-ADObject -TargetPath '[VAR:disabled_ou]'`, "Move the account")],
      expected: "The account is in the disabled-users OU and still present in Entra ID after the next sync.",
    }),
    section("sec-offboard-devices", "Devices"),
    step("s-offboard-wipe", "Wipe or retire the leaver's devices", {
      type: "warning",
      description: md(
        "**Check first:**",
        "",
        "- The device is **company-owned** (`ManagedDeviceOwnerType = company`). For **personal** (BYOD) devices use **Retire**, which removes only company data and apps — never wipe a personal phone.",
        "- The manager has confirmed nothing on the device is still needed (local files outside OneDrive), or it was backed up.",
        "- For Windows Autopilot devices, a wipe returns the device to the out-of-box experience ready for the next user.",
        "",
        "Collect the hardware (laptop, charger, phone, tokens, badge) and update the asset register.",
      ),
      commands: [
        ps(
          `
          $device = Get-MgDeviceManagementManagedDevice -Filter "deviceName eq '[VAR:computer_name]'"
          $device | Select-Object DeviceName, Id, UserPrincipalName, ManagedDeviceOwnerType, OperatingSystem, SerialNumber, LastSyncDateTime
          `,
          "Find the device",
        ),
        ps(
          `
          $device = Get-MgDeviceManagementManagedDevice -Filter "deviceName eq '[VAR:computer_name]'"
          Clear-MgDeviceManagementManagedDevice -ManagedDeviceId $device.Id
          `,
          "Company device: full wipe",
        ),
        ps(
          `
          Get-MgDeviceManagementManagedDevice -Filter "userPrincipalName eq '[VAR:user_upn]'" | Where-Object ManagedDeviceOwnerType -eq 'personal' |
            ForEach-Object { Invoke-MgRetireDeviceManagementManagedDevice -ManagedDeviceId $_.Id; "Retire sent to $($_.DeviceName)" }
          `,
          "Personal devices: retire (company data only)",
        ),
      ],
      expected: "Wipe/retire shows as pending or complete in Intune; hardware collected and logged.",
    }),
    section("sec-offboard-close", "Close out"),
    step("s-offboard-verify", "Verify access is gone", {
      type: "verification",
      description: "Check that sign-in is blocked and that no successful sign-ins happened after the block time.",
      commands: [
        ps(`Get-MgUser -UserId '[VAR:user_upn]' -Property AccountEnabled,SignInSessionsValidFromDateTime | Select-Object AccountEnabled, SignInSessionsValidFromDateTime`, "Account state"),
        ps(
          `
          Get-MgAuditLogSignIn -Filter "userPrincipalName eq '[VAR:user_upn]'" -Top 20 |
            Select-Object CreatedDateTime, AppDisplayName, IPAddress, @{n='Error';e={$_.Status.ErrorCode}} | Format-Table -AutoSize
          `,
          "Recent sign-ins (needs AuditLog.Read.All and Entra ID P1)",
        ),
      ],
      expected: "AccountEnabled = False; no sign-ins with Error 0 after the block time (attempts now fail with 50057).",
    }),
    step("s-offboard-document", "Document and schedule the final clean-up", {
      type: "information",
      description: md(
        "- Attach the snapshot files and this session's ticket note to **[VAR:ticket_number]**.",
        "- Create a follow-up task for the agreed retention date: remove the manager's mailbox/OneDrive access, remove forwarding, and delete the account if policy allows.",
        "- Update the documentation platform (user list, licence count, asset register).",
      ),
      expected: "Ticket documented; follow-up task with a date and owner exists.",
    }),
    end(
      "end-offboard",
      "Offboarding complete",
      "Sign-in is blocked, sessions revoked, data handed to [VAR:manager_upn], groups and licences removed, devices wiped or retired. Use 'Copy for ticket' to paste this checklist into [VAR:ticket_number].",
    ),
  ),
};
