import type { PortableFlow } from "../portable";
import { end, md, procedure, ps, section, step, variable } from "./build";

export const newUserOnboarding: PortableFlow = {
  name: "New user onboarding",
  description:
    "Set up a new starter end to end: approval and duplicate checks, the account in Active Directory (hybrid) or Entra ID (cloud-only), Microsoft 365 licence and mailbox, groups and shared mailboxes, MFA with a Temporary Access Pass, the device, and a secure handover with documentation. Skip the section that does not match the tenant's identity model.",
  type: "procedural",
  category: "Identity",
  tags: ["onboarding", "active directory", "entra id", "microsoft 365", "exchange online", "mfa"],
  visibility: "public",
  variables: [
    variable("first_name", "First name", "text", "As it should appear in the address book.", { required: true }),
    variable("last_name", "Last name", "text", "As it should appear in the address book.", { required: true }),
    variable("user_upn", "Sign-in address (UPN) and e-mail", "email", "e.g. jane.doe@example.com. Must use a verified domain of the tenant.", { required: true }),
    variable("sam_account_name", "Logon name / mail alias", "text", "sAMAccountName and mail nickname, max 20 characters, e.g. jdoe.", { required: true }),
    variable("identity_model", "Identity model", "select", "Hybrid: accounts are created in AD and synced. Cloud-only: accounts live in Entra ID.", {
      options: ["Hybrid (AD synced to Entra ID)", "Cloud-only (Entra ID)"],
      required: true,
    }),
    variable("job_title", "Job title", "text", ""),
    variable("department", "Department", "text", ""),
    variable("manager_upn", "Manager's UPN", "email", "The line manager, e.g. john.smith@example.com."),
    variable("start_date", "Start date", "text", "First working day, e.g. 2025-03-03."),
    variable("ou_path", "AD organisational unit", "text", "Distinguished name of the target OU (hybrid only), e.g. OU=Users,OU=Company,DC=corp,DC=example,DC=com."),
    variable("template_user", "Template user (AD)", "text", "sAMAccountName of a colleague in the same role whose AD groups should be copied (hybrid only)."),
    variable("sync_server", "Entra Connect server", "hostname", "Server running Microsoft Entra Connect Sync (hybrid only)."),
    variable("usage_location", "Usage location", "text", "Two-letter country code required before licensing, e.g. GB, US, DE.", { required: true }),
    variable("mailbox_language", "Mailbox language", "text", "Culture code for folder names and formats, e.g. en-GB, en-US, de-DE.", { default: "en-GB" }),
    variable("time_zone", "Time zone", "text", "Windows time zone ID, e.g. GMT Standard Time, W. Europe Standard Time, Eastern Standard Time.", { default: "GMT Standard Time" }),
    variable("licence_sku", "Licence (SKU part number)", "select", "SPB = Microsoft 365 Business Premium, O365_BUSINESS_PREMIUM = Business Standard, O365_BUSINESS_ESSENTIALS = Business Basic, SPE_E3/SPE_E5 = Microsoft 365 E3/E5, ENTERPRISEPACK = Office 365 E3.", {
      options: ["SPB", "O365_BUSINESS_PREMIUM", "O365_BUSINESS_ESSENTIALS", "SPE_E3", "SPE_E5", "ENTERPRISEPACK"],
      required: true,
    }),
    variable("cloud_groups", "Cloud groups / Teams", "textarea", "Display names of Microsoft 365 groups, Teams and cloud security groups, one per line."),
    variable("shared_mailboxes", "Shared mailboxes", "textarea", "Addresses of shared mailboxes the user needs (Full Access + Send As), one per line."),
    variable("computer_name", "Assigned device", "hostname", "Name of the PC/laptop issued to the user."),
  ],
  structure: procedure(
    section("sec-onboard-prepare", "Preparation"),
    step("s-onboard-approval", "Confirm the request is approved and complete", {
      type: "verification",
      description: md(
        "Check the ticket has an approved request from HR or the line manager with:",
        "",
        "- Name **[VAR:first_name] [VAR:last_name]**, job title **[VAR:job_title]**, department **[VAR:department]**, manager **[VAR:manager_upn]**, start date **[VAR:start_date]**.",
        "- Licence, groups/Teams, shared mailboxes, line-of-business applications, device and phone requirements.",
        "- Identity model of this tenant: **[VAR:identity_model]**.",
        "",
        "Missing information is cheaper to ask for now than to fix on the starter's first morning.",
      ),
      expected: "An approved request with all the details above, recorded in the ticket.",
    }),
    step("s-onboard-duplicates", "Check the name and address are free", {
      type: "verification",
      description: md(
        "Make sure no existing user, contact, group or shared mailbox already uses the UPN, e-mail address or logon name (for example a former employee with the same name, or an alias on another mailbox).",
        "",
        "If the address is taken, agree an alternative (e.g. with a middle initial) with the requester and update the variables.",
      ),
      commands: [
        ps(`Get-ADUser -Filter "UserPrincipalName -eq '[VAR:user_upn]' -or SamAccountName -eq '[VAR:sam_account_name]'" -Properties Enabled | Select-Object Name, SamAccountName, UserPrincipalName, Enabled`, "Active Directory (hybrid)"),
        ps(
          `
          Connect-MgGraph -Scopes 'User.ReadWrite.All','Group.ReadWrite.All','Organization.Read.All','UserAuthenticationMethod.ReadWrite.All' -NoWelcome
          Get-MgUser -Filter "userPrincipalName eq '[VAR:user_upn]'" | Select-Object DisplayName, UserPrincipalName, AccountEnabled
          `,
          "Entra ID",
        ),
        ps(
          `
          Connect-ExchangeOnline -ShowBanner:$false
          Get-EXORecipient -Identity '[VAR:user_upn]' -ErrorAction SilentlyContinue | Select-Object DisplayName, RecipientTypeDetails, PrimarySmtpAddress
          `,
          "Any Exchange recipient using the address",
        ),
      ],
      expected: "No results: the UPN, e-mail address and logon name are free.",
    }),
    section("sec-onboard-ad", "Account — hybrid (Active Directory); skip for cloud-only"),
    step("s-onboard-ad-create", "Create the AD user", {
      description: md(
        "Creates the user in **[VAR:ou_path]** (an OU that **is synced** to Entra ID), enabled, with a temporary password that must be changed at first sign-in.",
        "",
        "- Names with an apostrophe (O'Brien) must be doubled inside the single quotes: `'O''Brien'`.",
        "- The `proxyAddresses` value makes **[VAR:user_upn]** the primary SMTP address when the mailbox is created in Exchange Online.",
        "- If the tenant still has an on-premises Exchange server for management, create the remote mailbox there instead (`New-RemoteMailbox`).",
      ),
      commands: [
        ps(
          `
          $password = Read-Host -AsSecureString 'Temporary password'
          $manager = Get-ADUser -Filter "UserPrincipalName -eq '[VAR:manager_upn]'"
          New-ADUser -Name '[VAR:first_name] [VAR:last_name]' -GivenName '[VAR:first_name]' -Surname '[VAR:last_name]' -DisplayName '[VAR:first_name] [VAR:last_name]' \`
            -SamAccountName '[VAR:sam_account_name]' -UserPrincipalName '[VAR:user_upn]' -EmailAddress '[VAR:user_upn]' \`
            -Title '[VAR:job_title]' -Department '[VAR:department]' -Manager $manager -Path '[VAR:ou_path]' \`
            -AccountPassword $password -ChangePasswordAtLogon $true -Enabled $true \`
            -OtherAttributes @{ proxyAddresses = 'SMTP:[VAR:user_upn]' }
          Get-ADUser -Identity '[VAR:sam_account_name]' -Properties Title, Department, Manager | Select-Object Name, UserPrincipalName, Enabled, Title, Department, Manager
          `,
          "Create the user",
        ),
      ],
      expected: "The user exists in the right OU, enabled, with title, department and manager set.",
    }),
    step("s-onboard-ad-groups", "Copy AD groups from the template user", {
      type: "warning",
      description: md(
        "**Check first:** review the template user's groups before copying. Colleagues often carry extra or **privileged** groups (Domain Admins, server admin groups, finance approval groups) that the new starter must not inherit. Remove those lines from the copy or add groups individually.",
      ),
      commands: [
        ps(`Get-ADUser -Identity '[VAR:template_user]' -Properties MemberOf | Select-Object -ExpandProperty MemberOf | Get-ADGroup | Select-Object Name, GroupCategory, GroupScope | Sort-Object Name`, "Review the template's groups"),
        ps(
          `
          Get-ADUser -Identity '[VAR:template_user]' -Properties MemberOf | Select-Object -ExpandProperty MemberOf |
            Get-ADGroup | Where-Object { $_.Name -notmatch 'Admin' } | ForEach-Object {
              Add-ADGroupMember -Identity $_ -Members '[VAR:sam_account_name]'
              "Added to $($_.Name)"
            }
          `,
          "Copy the groups (skips anything with 'Admin' in the name)",
        ),
      ],
      expected: "The new user is in the same role groups as the template, and in no privileged groups.",
    }),
    step("s-onboard-ad-sync", "Sync the account to Entra ID", {
      description: "Run a delta sync on the Entra Connect server instead of waiting up to 30 minutes, then check the user has arrived in Entra ID. (With Entra Cloud Sync, use *Provision on demand* in the portal instead.)",
      commands: [
        ps(`Invoke-Command -ComputerName '[VAR:sync_server]' -ScriptBlock { Start-ADSyncSyncCycle -PolicyType Delta }`, "Start a delta sync"),
        ps(`Get-MgUser -UserId '[VAR:user_upn]' -Property DisplayName,OnPremisesSyncEnabled,CreatedDateTime | Select-Object DisplayName, OnPremisesSyncEnabled, CreatedDateTime`, "Check the user in Entra ID"),
      ],
      expected: "The user exists in Entra ID with OnPremisesSyncEnabled = True (usually within 2–5 minutes).",
    }),
    section("sec-onboard-cloud", "Account — cloud-only (Entra ID); skip for hybrid"),
    step("s-onboard-cloud-create", "Create the Entra ID user", {
      description: md(
        "Creates an enabled cloud user with a temporary password (change required at first sign-in) and sets the manager.",
        "",
        "Needs the *User Administrator* role. Names with an apostrophe must be doubled inside the single quotes.",
      ),
      commands: [
        ps(
          `
          $password = Read-Host 'Temporary password'
          New-MgUser -DisplayName '[VAR:first_name] [VAR:last_name]' -GivenName '[VAR:first_name]' -Surname '[VAR:last_name]' \`
            -UserPrincipalName '[VAR:user_upn]' -MailNickname '[VAR:sam_account_name]' -AccountEnabled \`
            -JobTitle '[VAR:job_title]' -Department '[VAR:department]' -UsageLocation '[VAR:usage_location]' \`
            -PasswordProfile @{ Password = $password; ForceChangePasswordNextSignIn = $true }
          Remove-Variable password
          $manager = Get-MgUser -UserId '[VAR:manager_upn]'
          Set-MgUserManagerByRef -UserId '[VAR:user_upn]' -BodyParameter @{ '@odata.id' = "https://graph.microsoft.com/v1.0/users/$($manager.Id)" }
          `,
          "Create the user and set the manager",
        ),
      ],
      expected: "The user exists in Entra ID, enabled, with job title, department, usage location and manager.",
    }),
    section("sec-onboard-licence", "Licence and mailbox"),
    step("s-onboard-licence", "Set the usage location and assign the licence", {
      description: md(
        "A licence can only be assigned once the **usage location** is set. Check a free licence exists first; if `ConsumedUnits` equals `Enabled`, buy one (CSP/partner portal) before continuing.",
        "",
        "If the tenant uses **group-based licensing**, add the user to the licensing group instead of assigning directly.",
      ),
      commands: [
        ps(
          `
          $sku = Get-MgSubscribedSku -All | Where-Object SkuPartNumber -eq '[VAR:licence_sku]'
          '{0}: {1} of {2} assigned' -f $sku.SkuPartNumber, $sku.ConsumedUnits, $sku.PrepaidUnits.Enabled
          `,
          "Free licences",
        ),
        ps(
          `
          Update-MgUser -UserId '[VAR:user_upn]' -UsageLocation '[VAR:usage_location]'
          $sku = Get-MgSubscribedSku -All | Where-Object SkuPartNumber -eq '[VAR:licence_sku]'
          Set-MgUserLicense -UserId '[VAR:user_upn]' -AddLicenses @(@{ SkuId = $sku.SkuId }) -RemoveLicenses @()
          Get-MgUserLicenseDetail -UserId '[VAR:user_upn]' | Select-Object SkuPartNumber
          `,
          "Assign the licence",
        ),
      ],
      expected: "[VAR:licence_sku] is listed for the user.",
    }),
    step("s-onboard-mailbox", "Check the mailbox is provisioned and set regional settings", {
      type: "verification",
      description: "The Exchange Online mailbox is created automatically after licensing (usually 5–30 minutes). Set language and time zone so folder names and meeting times are right from day one.",
      commands: [
        ps(`Get-EXOMailbox -Identity '[VAR:user_upn]' | Select-Object DisplayName, PrimarySmtpAddress, RecipientTypeDetails, WhenCreated`, "Mailbox exists?"),
        ps(`Set-MailboxRegionalConfiguration -Identity '[VAR:user_upn]' -Language '[VAR:mailbox_language]' -TimeZone '[VAR:time_zone]' -LocalizeDefaultFolderName`, "Language and time zone"),
      ],
      expected: "A UserMailbox with primary address [VAR:user_upn].",
    }),
    section("sec-onboard-access", "Groups and access"),
    step("s-onboard-cloud-groups", "Add the user to Microsoft 365 groups, Teams and cloud security groups", {
      description: md(
        "Adds the user to each group listed in **Cloud groups / Teams** (one display name per line). Groups synced from AD must be changed in AD; distribution lists and mail-enabled security groups in Exchange (`Add-DistributionGroupMember`). Dynamic groups need no action.",
      ),
      commands: [
        ps(
          `
          $user = Get-MgUser -UserId '[VAR:user_upn]'
          @'
          [VAR:cloud_groups]
          '@ -split '\\r?\\n' | Where-Object { $_.Trim() } | ForEach-Object {
            $name = $_.Trim().Replace("'", "''")
            $group = @(Get-MgGroup -Filter "displayName eq '$name'")
            if ($group.Count -ne 1) { Write-Warning "Group '$name' not found or ambiguous ($($group.Count) matches)"; return }
            New-MgGroupMember -GroupId $group[0].Id -DirectoryObjectId $user.Id
            "Added to $name"
          }
          `,
          "Add to each listed group",
        ),
        ps(`Get-MgUserMemberOf -UserId '[VAR:user_upn]' -All | ForEach-Object { $_.AdditionalProperties['displayName'] } | Sort-Object`, "Check memberships"),
      ],
      expected: "The user is a member of every listed group; no warnings.",
    }),
    step("s-onboard-shared-mailboxes", "Grant shared mailbox access", {
      description: "Gives Full Access (auto-mapped in Outlook) and Send As on each shared mailbox in the list. Auto-mapped mailboxes appear in Outlook within about an hour.",
      commands: [
        ps(
          `
          @'
          [VAR:shared_mailboxes]
          '@ -split '\\r?\\n' | Where-Object { $_.Trim() } | ForEach-Object {
            $mailbox = $_.Trim()
            Add-MailboxPermission -Identity $mailbox -User '[VAR:user_upn]' -AccessRights FullAccess -InheritanceType All -AutoMapping $true | Out-Null
            Add-RecipientPermission -Identity $mailbox -Trustee '[VAR:user_upn]' -AccessRights SendAs -Confirm:$false | Out-Null
            "Granted Full Access + Send As on $mailbox"
          }
          `,
          "Grant access on each listed mailbox",
        ),
      ],
      expected: "One confirmation line per shared mailbox, no errors.",
    }),
    step("s-onboard-lob", "Request access to line-of-business applications", {
      type: "information",
      description: "Applications that are not controlled by groups (ERP, CRM, PSA, finance, phone system/Teams Phone number, building access, printing codes) usually need a request to their owner or vendor. Raise those requests now, linked to this ticket, so they are ready on **[VAR:start_date]**.",
      expected: "A request per application, linked to the onboarding ticket.",
    }),
    section("sec-onboard-security", "Security (MFA)"),
    step("s-onboard-tap", "Create a Temporary Access Pass for first sign-in", {
      description: md(
        "A **Temporary Access Pass** (TAP) lets the user sign in for the first time and register Microsoft Authenticator (and Windows Hello) without knowing a password. The TAP method must be enabled in *Entra ID > Authentication methods*.",
        "",
        "Create it close to the start date (lifetime below: 8 hours, reusable). Hand it over only to the verified user or their manager in person or by phone — never by e-mail to the new mailbox.",
      ),
      commands: [
        ps(
          `
          New-MgUserAuthenticationTemporaryAccessPassMethod -UserId '[VAR:user_upn]' -BodyParameter @{ lifetimeInMinutes = 480; isUsableOnce = $false } |
            Select-Object TemporaryAccessPass, StartDateTime, LifetimeInMinutes
          `,
          "Create a TAP",
        ),
      ],
      expected: "A TAP is shown once; record in the ticket that it was issued (not the TAP itself).",
    }),
    step("s-onboard-mfa-check", "Confirm MFA is registered after first sign-in", {
      type: "verification",
      description: "After the user's first sign-in, check that a strong method (Microsoft Authenticator, FIDO2 key or Windows Hello) is registered and that Conditional Access / security defaults require MFA for the user.",
      commands: [
        ps(
          `Get-MgUserAuthenticationMethod -UserId '[VAR:user_upn]' | Select-Object @{n='Method';e={$_.AdditionalProperties['@odata.type'] -replace '#microsoft.graph.',''}}, @{n='Device';e={$_.AdditionalProperties['displayName']}}`,
          "Registered methods",
        ),
      ],
      expected: "At least microsoftAuthenticatorAuthenticationMethod (or fido2/windowsHelloForBusiness) besides the password.",
    }),
    section("sec-onboard-device", "Device"),
    step("s-onboard-device", "Prepare and assign the device", {
      description: md(
        "- **Autopilot / Intune**: assign the device to the user (or let the user enrol with the TAP), check it is compliant and has the required apps.",
        "- **Domain-joined PC**: set the AD description so the device can be traced to the user, and record it in the asset register.",
        "",
        "Check BitLocker is on before handing the device over.",
      ),
      commands: [
        ps(
          `Get-MgDeviceManagementManagedDevice -Filter "deviceName eq '[VAR:computer_name]'" | Select-Object DeviceName, UserPrincipalName, ComplianceState, OperatingSystem, OsVersion, LastSyncDateTime, SerialNumber`,
          "Intune device state (needs DeviceManagementManagedDevices.Read.All)",
        ),
        ps(`Set-ADComputer -Identity '[VAR:computer_name]' -Description "Assigned to [VAR:first_name] [VAR:last_name] ([VAR:user_upn]) on $(Get-Date -Format yyyy-MM-dd)"`, "AD description (domain-joined)"),
        ps(`Invoke-Command -ComputerName '[VAR:computer_name]' -ScriptBlock { Get-BitLockerVolume -MountPoint C: | Select-Object MountPoint, VolumeStatus, ProtectionStatus, EncryptionPercentage }`, "BitLocker status"),
      ],
      expected: "Device assigned to the user, compliant/up to date, BitLocker protection On.",
    }),
    section("sec-onboard-handover", "Handover and documentation"),
    step("s-onboard-handover", "Hand over credentials and the welcome pack", {
      type: "information",
      description: md(
        "- Give the temporary password / TAP to the verified user (in person or by phone), never in the same e-mail as the user name.",
        "- Welcome pack: how to sign in, register MFA (https://aka.ms/mysecurityinfo), self-service password reset (https://aka.ms/sspr), where files live (OneDrive/SharePoint/Teams), how to contact the service desk.",
        "- On day one, confirm Outlook, Teams, OneDrive, printers and line-of-business apps work.",
      ),
      expected: "The user can sign in, MFA is registered, core apps work.",
    }),
    step("s-onboard-document", "Document the account in the ticket", {
      type: "verification",
      description: "Paste the summary into the ticket / documentation platform (IT Glue, Hudu…): account, licence, groups, device.",
      commands: [
        ps(
          `
          Get-MgUser -UserId '[VAR:user_upn]' -Property DisplayName,UserPrincipalName,JobTitle,Department,UsageLocation,CreatedDateTime |
            Select-Object DisplayName, UserPrincipalName, JobTitle, Department, UsageLocation, CreatedDateTime
          Get-MgUserLicenseDetail -UserId '[VAR:user_upn]' | Select-Object SkuPartNumber
          Get-MgUserMemberOf -UserId '[VAR:user_upn]' -All | ForEach-Object { $_.AdditionalProperties['displayName'] } | Sort-Object
          `,
          "Summary for the ticket",
        ),
      ],
      expected: "The ticket holds the account details, licence, group list and device.",
    }),
    end(
      "end-onboard",
      "Onboarding complete",
      "The account, licence, mailbox, access, MFA and device are ready for [VAR:first_name] [VAR:last_name]. Use 'Copy for ticket' to paste this checklist into the onboarding ticket. Anything not finished (e.g. a pending application request) goes into Next steps with an owner and date.",
    ),
  ),
};
