import type { PortableFlow } from "../portable";
import { action, cmd, escalation, md, ps, question, solution, tree, variable } from "./build";

export const mappedDriveMissing: PortableFlow = {
  name: "Mapped drive missing",
  description:
    "A user's network drive letter is missing, shows a red X, or opens with access denied. Checks reachability and DNS of the file server, the UNC path itself, how the mapping is deployed (GPO drive maps, logon script, Intune), saved credentials and the 'multiple connections' error, share/NTFS permissions, and SMB version/signing problems with older NAS devices.",
  type: "troubleshooting",
  category: "Files",
  tags: ["mapped drive", "smb", "file share", "group policy", "windows"],
  visibility: "public",
  variables: [
    variable("file_server", "File server", "hostname", "Server (or NAS) that holds the share, e.g. fs01 or fs01.corp.example.com.", { required: true }),
    variable("share_name", "Share name", "text", "The share part of the path, e.g. Finance for \\\\fs01\\Finance.", { required: true }),
    variable("drive_letter", "Drive letter", "text", "Letter the drive should have, without colon, e.g. S."),
    variable("computer_name", "User's computer", "hostname", "The PC where the drive is missing."),
  ],
  structure: tree("q-drive-symptom", {
    "q-drive-symptom": question(
      "What does the user see?",
      md(
        "Check on **[VAR:computer_name]** as the user (drive mappings are per user; an admin PowerShell does not see the user's drives).",
        "",
        "Expected mapping: **[VAR:drive_letter]:** → `\\\\[VAR:file_server]\\[VAR:share_name]`",
      ),
      [
        ["Drive letter is missing entirely", "a-drive-network"],
        ["Drive shows a red X / \"Disconnected\"", "a-drive-network"],
        ["\"Access denied\" or a password prompt when opening it", "a-drive-credentials"],
      ],
    ),
    "a-drive-network": action(
      "Check that the file server is reachable",
      md(
        "Drives need a connection to the file server on **TCP 445** (SMB).",
        "",
        "- Off-site users need the **VPN connected** (and drives mapped at sign-in before the VPN came up stay disconnected until reconnected).",
        "- `NetworkCategory` should be *DomainAuthenticated* in the office; *Public/Private* on a domain PC in the office means it cannot see a DC.",
      ),
      [
        ps(`Resolve-DnsName -Name '[VAR:file_server]' -ErrorAction SilentlyContinue | Select-Object Name, IPAddress`, "Resolve the server name"),
        ps(`Test-NetConnection -ComputerName '[VAR:file_server]' -Port 445 | Select-Object ComputerName, RemoteAddress, InterfaceAlias, TcpTestSucceeded`, "SMB port reachable?"),
        ps(`Get-NetConnectionProfile | Select-Object Name, InterfaceAlias, NetworkCategory`, "Network profile"),
      ],
      [
        ["Not reachable: user is off-site / VPN not connected", "s-drive-vpn"],
        ["Server name does not resolve", "a-drive-dns"],
        ["Reachable on 445", "a-drive-test-unc"],
        ["Resolves but 445 not reachable from inside the office", "e-drive-infra"],
      ],
    ),
    "a-drive-dns": action(
      "Fix name resolution for the file server",
      md(
        "The PC must use the **internal DNS servers** (domain controllers), not the router or a public resolver. Short names like `fs01` also need the right DNS suffix.",
      ),
      [
        cmd(`ipconfig /all | findstr /i "DNS Suffix Servers"`, "DNS servers and suffixes in use"),
        cmd(`ipconfig /flushdns`, "Flush the DNS cache"),
        cmd(`nslookup [VAR:file_server]`, "Look up the server"),
      ],
      [
        ["Resolves correctly now", "a-drive-test-unc"],
        ["Still does not resolve, or resolves to the wrong IP", "e-drive-infra"],
      ],
    ),
    "a-drive-test-unc": action(
      "Open the share by its UNC path",
      md(
        "Test the share directly, bypassing the drive letter. The result tells you where to look next:",
        "",
        "- **Opens** → the share is fine; the *mapping* is missing (policy/script).",
        "- **Access denied** → permissions or the wrong identity.",
        "- **Password prompt / error 1219** → conflicting saved credentials.",
        "- **\"The specified network name is no longer available\" / signing or SMB1 errors** → SMB protocol mismatch.",
      ),
      [
        ps(`Test-Path -Path '\\\\[VAR:file_server]\\[VAR:share_name]'`, "Can the user reach the share? (as the user)"),
        cmd(`explorer.exe \\\\[VAR:file_server]\\[VAR:share_name]`, "Open it in Explorer"),
        cmd(`net view \\\\[VAR:file_server]`, "List the server's shares"),
      ],
      [
        ["Opens fine", "a-drive-mapping-source"],
        ["Access denied", "a-drive-permissions"],
        ["Password prompt or error 1219 (multiple connections)", "a-drive-credentials"],
        ["SMB / signing / \"network name no longer available\" error", "a-drive-smb"],
      ],
    ),
    "a-drive-mapping-source": action(
      "Find out how the drive is supposed to be mapped",
      md(
        "The share works, so the mapping did not run. Mappings usually come from:",
        "",
        "- **Group Policy Preferences Drive Maps** (User Configuration > Preferences > Windows Settings > Drive Maps), often with item-level targeting by security group. Errors are logged by *Group Policy Drive Maps*.",
        "- A **logon script** (user's AD *Logon script* field or a GPO script).",
        "- **Intune** (PowerShell script / remediation) on Entra-joined devices.",
        "",
        "Also: a drive mapped in a normal session is **invisible to elevated programs** (UAC split token) — if the user only misses it in an app run as administrator, see the linked-connections fix.",
      ),
      [
        cmd(`gpupdate /force`, "Refresh Group Policy (as the user)"),
        cmd(`gpresult /scope user /r`, "Applied user GPOs and groups"),
        ps(
          `Get-WinEvent -FilterHashtable @{ LogName = 'Application'; ProviderName = 'Group Policy Drive Maps'; StartTime = (Get-Date).AddDays(-2) } -ErrorAction SilentlyContinue | Select-Object TimeCreated, Id, LevelDisplayName, Message | Format-List`,
          "Drive Maps policy events",
        ),
        cmd(`net user %USERNAME% /domain | findstr /i "script"`, "User's logon script"),
      ],
      [
        ["Drive appears after gpupdate or sign-out/in", "s-drive-gpo"],
        ["User is not in the group the mapping targets", "s-drive-group"],
        ["Missing only in programs run as administrator", "s-drive-linked-connections"],
        ["No central mapping exists (it was mapped by hand)", "a-drive-map-manually"],
      ],
    ),
    "a-drive-map-manually": action(
      "Map the drive for the user",
      md(
        "Run **as the user** (not elevated). `/persistent:yes` reconnects it at every sign-in.",
        "",
        "If several users need this share, ask for it to be added to the drive-map policy instead of mapping by hand on each PC.",
      ),
      [
        cmd(`net use [VAR:drive_letter]: \\\\[VAR:file_server]\\[VAR:share_name] /persistent:yes`, "Map the drive"),
        ps(`Get-PSDrive -Name '[VAR:drive_letter]' | Select-Object Name, DisplayRoot, Used, Free`, "Check it"),
      ],
      "s-drive-mapped",
    ),
    "a-drive-credentials": action(
      "Clear conflicting or stale saved credentials",
      md(
        "Windows allows **one set of credentials per server**. A saved credential with an old password, or a connection opened with another account, causes password prompts, access denied and **error 1219** (*Multiple connections to a server … by the same user, using more than one user name, are not allowed*).",
        "",
        "Run **as the user**. `net use * /delete` removes **all** the user's mapped drives in this session (they come back at next sign-in if mapped by policy) — close open files on them first.",
        "",
        "After a new group membership, `klist purge` gets fresh Kerberos tickets without signing out.",
      ),
      [
        cmd(`cmdkey /list | findstr /i "[VAR:file_server]"`, "Saved credentials for the server"),
        cmd(`cmdkey /delete:[VAR:file_server]`, "Delete the saved credential"),
        cmd(`net use`, "Current connections"),
        cmd(`net use * /delete /y`, "Drop all connections (see warning)"),
        cmd(`klist purge`, "Refresh Kerberos tickets"),
      ],
      [
        ["Fixed after clearing credentials", "s-drive-credentials"],
        ["Still access denied", "a-drive-permissions"],
      ],
    ),
    "a-drive-permissions": action(
      "Check group membership and share/NTFS permissions",
      md(
        "Access needs **both** the share permission and the NTFS permission. Compare the user's groups with the ACLs; the user's **token** only contains groups from their last sign-in.",
        "",
        "Run the server-side commands from an admin workstation with rights on **[VAR:file_server]**.",
      ),
      [
        cmd(`whoami /groups /fo list | findstr /i /c:"Group Name"`, "Groups in the user's current token (as the user)"),
        ps(`Get-SmbShareAccess -Name '[VAR:share_name]' -CimSession '[VAR:file_server]' | Select-Object AccountName, AccessControlType, AccessRight`, "Share permissions"),
        ps(
          `(Get-Acl -Path '\\\\[VAR:file_server]\\[VAR:share_name]').Access | Select-Object IdentityReference, FileSystemRights, AccessControlType, IsInherited | Format-Table -AutoSize`,
          "NTFS permissions on the share root",
        ),
      ],
      [
        ["User was missing from the group — added", "s-drive-group"],
        ["Permissions look right, still denied", "e-drive-infra"],
      ],
    ),
    "a-drive-smb": action(
      "Check SMB version and signing",
      md(
        "Modern Windows refuses old or insecure SMB:",
        "",
        "- **SMB1** is not installed on current Windows; NAS devices that only speak SMB1 fail.",
        "- **Windows 11 24H2** requires **SMB signing** by default and blocks **guest** (anonymous) access — many older NAS devices and some copiers fail with signing or \"network name no longer available\" errors.",
        "",
        "The right fix is on the server/NAS: enable SMB 2/3 and signing (firmware update), and use real accounts instead of guest access. **Do not** turn off signing or re-enable SMB1 on the client as a fix; if the business insists on a temporary exception, get it approved and documented.",
      ),
      [
        ps(`Get-SmbConnection | Select-Object ServerName, ShareName, Dialect, Signed, Encrypted, UserName`, "Current SMB connections (as the user)"),
        ps(`Get-SmbClientConfiguration | Select-Object RequireSecuritySignature, EnableSecuritySignature, EnableInsecureGuestLogons`, "Client SMB settings"),
        ps(
          `Invoke-Command -ComputerName '[VAR:file_server]' -ScriptBlock { Get-SmbServerConfiguration | Select-Object EnableSMB1Protocol, EnableSMB2Protocol, RequireSecuritySignature, EncryptData }`,
          "Server SMB settings (Windows file servers)",
        ),
        ps(
          `Get-WinEvent -LogName 'Microsoft-Windows-SMBClient/Security' -MaxEvents 20 -ErrorAction SilentlyContinue | Select-Object TimeCreated, Id, Message | Format-List`,
          "SMB client security events",
        ),
      ],
      [
        ["Server/NAS updated or configured for SMB2/3 + signing — works", "s-drive-smb"],
        ["Server/NAS cannot do SMB2/3 or signing", "e-drive-infra"],
      ],
    ),
    "s-drive-vpn": solution(
      "Resolved: connect the VPN first",
      md(
        "The user was off-site without the VPN. After connecting the VPN, reconnect the drive by opening it in Explorer or signing out and in.",
        "",
        "If drives should reconnect automatically, consider an always-on VPN, or moving the data to SharePoint/OneDrive for remote users.",
      ),
      [cmd(`net use [VAR:drive_letter]: \\\\[VAR:file_server]\\[VAR:share_name]`, "Reconnect the drive after the VPN is up")],
    ),
    "s-drive-gpo": solution(
      "Resolved: drive mapped by policy again",
      "The drive-map policy applied after a policy refresh or a fresh sign-in. If it happens regularly (e.g. slow links at sign-in), consider enabling *Always wait for the network at computer startup and logon* for the affected PCs.",
    ),
    "s-drive-group": solution(
      "Resolved: user added to the access group",
      md(
        "The user was not in the group the share (or the drive-map targeting) requires. Added after approval from the data owner — record who approved.",
        "",
        "The new membership is only in the user's token after **sign-out and sign-in** (or `klist purge` for share access; drive-map targeting needs a new sign-in).",
      ),
    ),
    "s-drive-linked-connections": solution(
      "Resolved: drives visible to elevated programs",
      md(
        "With UAC, drives mapped in the normal session are not visible to programs running elevated. Setting **EnableLinkedConnections** shares the mappings between both tokens. Needs a restart.",
      ),
      [
        ps(
          `New-ItemProperty -Path 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System' -Name EnableLinkedConnections -Value 1 -PropertyType DWord -Force`,
          "Enable linked connections (elevated, then restart)",
        ),
      ],
    ),
    "s-drive-mapped": solution(
      "Resolved: drive mapped manually",
      "Mapped **[VAR:drive_letter]:** to the share for this user. It reconnects at sign-in. If other users need the same drive, request a policy-based mapping.",
    ),
    "s-drive-credentials": solution(
      "Resolved: stale credentials removed",
      "A saved credential with an old password (or another account) blocked the connection. Removed it; the drive connects with the user's own sign-in. If the user changed their password recently, check their phone and other PCs for more stale credentials.",
    ),
    "s-drive-smb": solution(
      "Resolved: SMB protocol/signing fixed on the server",
      "The server/NAS now supports SMB 2/3 with signing (record firmware version and settings changed). The drive connects without weakening client security.",
    ),
    "e-drive-infra": escalation(
      "Escalate to the infrastructure / server team",
      "Infrastructure team (file servers, DNS, network)",
      md(
        "The file server is unreachable from the office, DNS is wrong, permissions look right but access is denied, or the server/NAS cannot do SMB2/3 with signing.",
        "",
        "Include: user and computer **[VAR:computer_name]**, path `\\\\[VAR:file_server]\\[VAR:share_name]`, the exact error, the Test-NetConnection/Resolve-DnsName results, the user's groups and the share/NTFS permissions you checked. If many users lose the same share at once, raise it as an incident.",
      ),
    ),
  }),
};
