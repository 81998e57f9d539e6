import type { PortableFlow } from "../portable";
import { action, cmd, escalation, md, ps, question, solution, tree, variable } from "./build";

export const vpnWontConnect: PortableFlow = {
  name: "VPN won't connect",
  description:
    "A remote user cannot connect to the company VPN, or connects but cannot reach anything. Checks the local internet first, then reachability of the gateway, account/MFA, certificates and clock, the client software and DNS/routing once connected, and hands the network team a complete picture when it is the gateway.",
  type: "troubleshooting",
  category: "Network",
  tags: ["vpn", "remote access", "mfa", "network", "windows"],
  visibility: "public",
  variables: [
    variable("user_upn", "User's sign-in address (UPN)", "email", "The user's sign-in name, e.g. jane.doe@example.com.", { required: true }),
    variable("vpn_gateway", "VPN gateway", "hostname", "The address the VPN client connects to, e.g. vpn.example.com.", { required: true }),
    variable("vpn_port", "VPN port", "number", "TCP port of the SSL VPN portal/gateway (usually 443; FortiGate SSL VPN often 10443).", { default: "443" }),
    variable("vpn_client", "VPN client", "select", "Which VPN software the user runs.", {
      options: [
        "FortiClient",
        "Cisco Secure Client (AnyConnect)",
        "GlobalProtect",
        "WatchGuard Mobile VPN with SSL",
        "SonicWall NetExtender / Mobile Connect",
        "OpenVPN",
        "Windows built-in (IKEv2 / SSTP / Always On VPN)",
        "Other",
      ],
    }),
    variable("internal_host", "Internal server to test", "hostname", "A server the user needs once connected, e.g. fs01.corp.example.com."),
    variable("sam_account_name", "AD logon name", "text", "The user's sAMAccountName (e.g. jdoe), for AD/RADIUS-authenticated VPNs."),
  ],
  structure: tree("a-vpn-internet", {
    "a-vpn-internet": action(
      "Confirm the internet works without the VPN",
      md(
        "Most \"VPN is broken\" calls are a hotel/guest Wi-Fi with a captive portal, a dead home router or a mobile hotspot out of data. With the VPN **disconnected**, check from the user's PC:",
        "",
        "1. General internet (Microsoft's connectivity test).",
        "2. The gateway name **[VAR:vpn_gateway]** resolves.",
        "3. The gateway answers on TCP **[VAR:vpn_port]** (SSL VPNs). IPsec/IKEv2 uses UDP 500/4500, which this test cannot check.",
      ),
      [
        ps(`Invoke-WebRequest -Uri 'http://www.msftconnecttest.com/connecttest.txt' -UseBasicParsing -TimeoutSec 10 | Select-Object StatusCode, Content`, "Internet test (expects 'Microsoft Connect Test')"),
        ps(`Resolve-DnsName -Name '[VAR:vpn_gateway]' -Type A`, "Resolve the gateway"),
        ps(`Test-NetConnection -ComputerName '[VAR:vpn_gateway]' -Port [VAR:vpn_port] | Select-Object ComputerName, RemoteAddress, TcpTestSucceeded`, "Test the gateway port"),
      ],
      [
        ["No internet / a login page (captive portal) appears", "a-vpn-captive"],
        ["Internet works and the gateway answers", "q-vpn-error"],
        ["Internet works but the gateway does not resolve or answer", "a-vpn-dns-firewall"],
      ],
    ),
    "a-vpn-captive": action(
      "Get the user's local connection working",
      md(
        "- **Captive portal** (hotel, airport, guest Wi-Fi): open a plain-HTTP page such as http://neverssl.com to trigger the login page, accept the terms, then retry the VPN.",
        "- **Home internet down**: restart the router; check other devices at home.",
        "- Quick proof: connect the laptop to the user's **phone hotspot** and retry.",
      ),
      [
        ps(`Start-Process 'http://neverssl.com'`, "Trigger the captive portal"),
        ps(`Get-NetConnectionProfile | Select-Object Name, InterfaceAlias, NetworkCategory, IPv4Connectivity`, "Which network is the PC on?"),
      ],
      [
        ["Internet works now and the VPN connects", "s-vpn-local-internet"],
        ["Internet works now but the VPN still fails", "q-vpn-error"],
        ["No internet at all on any network", "s-vpn-no-internet"],
      ],
    ),
    "q-vpn-error": question(
      "What does the VPN client report?",
      md(
        "Ask for a screenshot of the **[VAR:vpn_client]** window or read the client log. For the Windows built-in client, the RasClient event (error code) is shown in the client-version step.",
        "",
        "Useful Windows codes: **691** wrong credentials, **812** denied by NPS policy, **809** IPsec/UDP blocked on the way, **13801/13806** certificate problems, **720/628** negotiation dropped.",
      ),
      [
        ["Authentication failed / wrong user name or password", "a-vpn-account"],
        ["MFA prompt never arrives or MFA is denied", "a-vpn-mfa"],
        ["Certificate error / \"not trusted\" / time-related error", "a-vpn-cert-time"],
        ["Times out / gateway not responding", "a-vpn-dns-firewall"],
        ["Connects, but internal servers can't be reached", "a-vpn-connected-no-access"],
        ["Client crashes, service not running, or after an update", "a-vpn-client"],
      ],
    ),
    "a-vpn-account": action(
      "Check the user's account in Active Directory",
      md(
        "VPNs that authenticate against AD (LDAP or RADIUS/NPS) fail when the account is **locked**, **disabled**, **expired** or the **password has expired** (most VPN clients cannot change an expired password). Also check membership of the group that is allowed to use the VPN.",
        "",
        "On an NPS server, a rejected attempt is Security event **6273** with a *Reason Code* (e.g. 16 = bad credentials, 48 = no matching network policy / not in the group).",
      ),
      [
        ps(
          `
          Get-ADUser -Identity '[VAR:sam_account_name]' -Properties Enabled, LockedOut, PasswordExpired, PasswordLastSet, AccountExpirationDate, LastBadPasswordAttempt, MemberOf |
            Select-Object Name, Enabled, LockedOut, PasswordExpired, PasswordLastSet, AccountExpirationDate, LastBadPasswordAttempt,
              @{n='VpnGroups';e={($_.MemberOf | Where-Object { $_ -match 'VPN|Remote' }) -join '; '}}
          `,
          "Account state and VPN group membership",
        ),
        ps(
          `
          Get-WinEvent -FilterHashtable @{ LogName = 'Security'; Id = 6273; StartTime = (Get-Date).AddDays(-1) } -ErrorAction SilentlyContinue |
            Where-Object Message -match '[VAR:sam_account_name]' |
            Select-Object -First 10 TimeCreated, @{n='Reason';e={($_.Message -split '\\r?\\n' | Where-Object { $_ -match 'Reason' }) -join ' '}}
          `,
          "NPS rejections for this user (run on the NPS server)",
        ),
      ],
      [
        ["Locked out, disabled, expired or password expired", "s-vpn-account-fixed"],
        ["Not in the VPN group", "s-vpn-group"],
        ["Account is fine", "a-vpn-mfa"],
      ],
    ),
    "a-vpn-mfa": action(
      "Check MFA methods and Entra sign-in logs",
      md(
        "VPNs using Entra ID (SAML/OIDC) or the NPS extension for Microsoft Entra MFA need a working MFA method. Typical causes: new phone without Authenticator restored, notifications blocked on the phone, number-matching prompt ignored, or a Conditional Access policy blocking the sign-in (country, non-compliant device).",
        "",
        "For the NPS extension, also check *Event Viewer > Applications and Services Logs > Microsoft > AzureMfa* on the NPS server.",
      ),
      [
        ps(
          `
          Connect-MgGraph -Scopes 'UserAuthenticationMethod.Read.All','AuditLog.Read.All' -NoWelcome
          Get-MgUserAuthenticationMethod -UserId '[VAR:user_upn]' |
            Select-Object @{n='Method';e={$_.AdditionalProperties['@odata.type'] -replace '#microsoft.graph.',''}}, @{n='Device';e={$_.AdditionalProperties['displayName']}}, @{n='Phone';e={$_.AdditionalProperties['phoneNumber']}}
          `,
          "Registered MFA methods",
        ),
        ps(
          `
          Get-MgAuditLogSignIn -Filter "userPrincipalName eq '[VAR:user_upn]'" -Top 20 |
            Select-Object CreatedDateTime, AppDisplayName, IPAddress, @{n='Country';e={$_.Location.CountryOrRegion}}, @{n='Error';e={$_.Status.ErrorCode}}, @{n='Reason';e={$_.Status.FailureReason}}, ConditionalAccessStatus |
            Format-Table -AutoSize
          `,
          "Recent sign-ins and failure reasons",
        ),
      ],
      [
        ["MFA method missing or on an old phone — re-registered", "s-vpn-mfa"],
        ["Blocked by Conditional Access or flagged as risky", "e-vpn-identity"],
        ["MFA completes fine", "a-vpn-client"],
      ],
    ),
    "a-vpn-cert-time": action(
      "Check the clock and the certificates",
      md(
        "TLS and IKEv2 fail when the PC's clock is off by more than a few minutes, when the gateway's certificate has expired or is not trusted, or when a machine/user certificate used for VPN authentication has expired.",
        "",
        "1. Compare the PC's time and time zone with the real time; resync.",
        "2. Read the gateway certificate (SSL VPNs): expiry date and issuer.",
        "3. For certificate-based VPNs (Always On VPN, IKEv2 machine certs) list the PC's certificates and their expiry.",
      ),
      [
        cmd(`w32tm /query /status & tzutil /g`, "Time source and time zone"),
        cmd(`w32tm /resync /force`, "Resync the clock (elevated)"),
        ps(
          `
          $tcp = New-Object System.Net.Sockets.TcpClient('[VAR:vpn_gateway]', [VAR:vpn_port])
          $ssl = New-Object System.Net.Security.SslStream($tcp.GetStream(), $false, { $true })
          $ssl.AuthenticateAsClient('[VAR:vpn_gateway]')
          $cert = New-Object System.Security.Cryptography.X509Certificates.X509Certificate2($ssl.RemoteCertificate)
          $cert | Select-Object Subject, Issuer, NotBefore, NotAfter, Thumbprint
          $ssl.Dispose(); $tcp.Dispose()
          `,
          "Read the gateway's TLS certificate",
        ),
        ps(
          `
          Get-ChildItem Cert:\\CurrentUser\\My, Cert:\\LocalMachine\\My |
            Select-Object Subject, Issuer, NotAfter, @{n='Expired';e={$_.NotAfter -lt (Get-Date)}}, PSParentPath | Sort-Object NotAfter
          `,
          "User and machine certificates",
        ),
      ],
      [
        ["Clock was wrong — fixed, VPN connects", "s-vpn-time"],
        ["Client certificate expired or missing", "s-vpn-client-cert"],
        ["Gateway certificate expired or untrusted", "a-vpn-collect-logs"],
        ["Clock and certificates are fine", "a-vpn-client"],
      ],
    ),
    "a-vpn-dns-firewall": action(
      "Check name resolution and whether the network blocks the VPN",
      md(
        "- If the gateway resolves with a public resolver but not with the local one, the local DNS (router, hosts file, DNS filter) is the problem.",
        "- Guest and hotel networks often block IPsec (UDP 500/4500) or non-standard ports; a phone hotspot proves it quickly.",
        "- Third-party firewalls/web filters on the PC (and some antivirus \"web shields\") can block the VPN client.",
        "- If the gateway does not answer from **any** network, it is down or overloaded: check whether other users are affected.",
      ),
      [
        ps(
          `
          Resolve-DnsName -Name '[VAR:vpn_gateway]' -Type A -ErrorAction SilentlyContinue | Select-Object Name, IPAddress
          Resolve-DnsName -Name '[VAR:vpn_gateway]' -Type A -Server 1.1.1.1 -ErrorAction SilentlyContinue | Select-Object Name, IPAddress
          `,
          "Local DNS vs a public resolver",
        ),
        cmd(`ipconfig /flushdns`, "Flush the DNS cache"),
        ps(`Select-String -Path "$env:SystemRoot\\System32\\drivers\\etc\\hosts" -Pattern '[VAR:vpn_gateway]'`, "Hosts file override?"),
        ps(`Test-NetConnection -ComputerName '[VAR:vpn_gateway]' -Port [VAR:vpn_port] -InformationLevel Detailed`, "Retest the gateway port"),
      ],
      [
        ["Works after DNS flush or on another network (hotspot)", "s-vpn-network-blocked"],
        ["Gateway unreachable from every network", "a-vpn-collect-logs"],
        ["Reachable, but the client still fails", "a-vpn-client"],
      ],
    ),
    "a-vpn-client": action(
      "Check the VPN client version, service and logs",
      md(
        "Outdated clients stop working after a firewall firmware upgrade (TLS/cipher changes), and Windows feature updates can break old virtual adapters.",
        "",
        "1. Compare the installed **[VAR:vpn_client]** version with the version the firewall team supports.",
        "2. Make sure its service is running; restart it.",
        "3. For the Windows built-in client, read the RasClient error code.",
        "4. If it is outdated or broken: reinstall the supported version (RMM/Intune or the gateway's download portal), reboot, retry.",
      ),
      [
        ps(
          `
          Get-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*', 'HKLM:\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*' -ErrorAction SilentlyContinue |
            Where-Object DisplayName -match 'Forti|Cisco Secure|AnyConnect|GlobalProtect|WatchGuard|NetExtender|SonicWall|OpenVPN|Zscaler|Check Point' |
            Select-Object DisplayName, DisplayVersion, InstallDate
          `,
          "Installed VPN clients",
        ),
        ps(
          `
          Get-Service | Where-Object { $_.DisplayName -match 'Forti|Cisco Secure|AnyConnect|GlobalProtect|PanGPS|WatchGuard|SonicWall|OpenVPN' -or $_.Name -in 'RasMan','IKEEXT','SstpSvc' } |
            Select-Object Name, DisplayName, Status, StartType
          `,
          "VPN-related services",
        ),
        ps(
          `
          Get-WinEvent -FilterHashtable @{ LogName = 'Application'; ProviderName = 'RasClient'; StartTime = (Get-Date).AddDays(-1) } -ErrorAction SilentlyContinue |
            Select-Object -First 10 TimeCreated, Id, Message | Format-List
          `,
          "Windows VPN errors (RasClient)",
        ),
        ps(`Get-VpnConnection; Get-VpnConnection -AllUserConnection`, "Windows VPN profiles"),
      ],
      [
        ["Client was outdated/broken — reinstalled and it connects", "s-vpn-client"],
        ["Client is current and still fails", "a-vpn-collect-logs"],
      ],
    ),
    "a-vpn-connected-no-access": action(
      "Connected but no access: check DNS, routes and subnet clashes",
      md(
        "1. The VPN adapter must have an IP from the VPN pool and the **internal DNS servers**.",
        "2. Internal names must resolve (try the FQDN **[VAR:internal_host]**; short names need the DNS suffix).",
        "3. The route to the office subnets must point at the VPN adapter (split tunnel).",
        "4. **Subnet clash**: if the user's home network uses the same range as the office (often 192.168.0.0/24 or 192.168.1.0/24), traffic never enters the tunnel.",
      ),
      [
        ps(`Get-NetIPConfiguration | Select-Object InterfaceAlias, @{n='IPv4';e={$_.IPv4Address.IPAddress}}, @{n='Gateway';e={$_.IPv4DefaultGateway.NextHop}}, @{n='DNS';e={$_.DNSServer.ServerAddresses -join ', '}}`, "Adapters, IPs and DNS servers"),
        ps(`Resolve-DnsName -Name '[VAR:internal_host]'; Test-NetConnection -ComputerName '[VAR:internal_host]' -Port 445 | Select-Object ComputerName, RemoteAddress, InterfaceAlias, TcpTestSucceeded`, "Resolve and reach the internal server"),
        cmd(`route print -4`, "Routing table"),
        cmd(`ipconfig /flushdns && ipconfig /registerdns`, "Refresh DNS"),
      ],
      [
        ["Fixed (DNS refresh / reconnect / FQDN works)", "s-vpn-connected"],
        ["Home network uses the same subnet as the office", "a-vpn-collect-logs"],
        ["Still no access", "a-vpn-collect-logs"],
      ],
    ),
    "a-vpn-collect-logs": action(
      "Collect details for the network team",
      md(
        "The network team can only search the firewall logs with these details. Collect:",
        "",
        "- User **[VAR:user_upn]**, exact time(s) of the failed attempts (with time zone), client **[VAR:vpn_client]** and version.",
        "- The user's **public IP** (below) and ISP/location (home, hotel, mobile).",
        "- Error text/code and the client log file (FortiClient: *Logs* tab export; Cisco Secure Client: DART bundle; GlobalProtect: *Troubleshooting > Collect logs*).",
        "- Whether other users can connect right now.",
      ),
      [
        ps(`(Invoke-RestMethod -Uri 'https://api.ipify.org?format=json').ip`, "User's public IP"),
        ps(`Get-Date -Format 'yyyy-MM-dd HH:mm:ss K'`, "Current time with UTC offset"),
      ],
      "e-vpn-network",
    ),
    "s-vpn-local-internet": solution(
      "Resolved: local internet / captive portal",
      "The VPN failed because the local network had no internet access yet (captive portal or router). After logging in to the portal / fixing the router the VPN connects. No change on company systems.",
    ),
    "s-vpn-no-internet": solution(
      "Local internet outage — not a VPN fault",
      md(
        "The user has no internet on any network, so the VPN cannot connect. Advise the user to contact their ISP or use a phone hotspot; nothing to fix on company systems.",
        "",
        "Close or park the ticket as agreed with the user.",
      ),
      [],
      "partially_resolved",
    ),
    "s-vpn-account-fixed": solution(
      "Resolved: AD account unlocked / re-enabled / password reset",
      md(
        "The account was locked, disabled, expired or had an expired password. Fixed and the VPN connects.",
        "",
        "If the password had expired, remind the user that VPN clients usually cannot change it: they should change it before it expires (Ctrl+Alt+Del on the VPN, or self-service password reset). If the account was **locked**, use the *User locked out* flow to find the lockout source.",
      ),
      [ps(`Unlock-ADAccount -Identity '[VAR:sam_account_name]'`, "Unlock the account")],
    ),
    "s-vpn-group": solution(
      "Resolved: user added to the VPN access group",
      "The user was not in the group the VPN/NPS policy allows. Added after approval (record the approver). The user must disconnect and reconnect; NPS evaluates group membership at each connection.",
    ),
    "s-vpn-mfa": solution(
      "Resolved: MFA method re-registered",
      "The user's MFA method was missing or still on an old phone. After verifying the user's identity (call back on a known number), issued a Temporary Access Pass or removed the stale method, and the user registered again at https://aka.ms/mysecurityinfo. VPN connects.",
    ),
    "s-vpn-time": solution(
      "Resolved: PC clock corrected",
      "The PC's clock or time zone was wrong, breaking TLS/IKE. Resynced and set the time zone/automatic time; the VPN connects. If the clock drifts again, check the CMOS battery or the Windows Time service.",
    ),
    "s-vpn-client-cert": solution(
      "Resolved: VPN certificate renewed",
      md(
        "The machine or user certificate used for VPN authentication was expired or missing. Renewed it (autoenrolment `certutil -pulse` on domain-joined PCs with line of sight to the CA, or an Intune sync for SCEP/PKCS profiles) and the VPN connects.",
        "",
        "If several users are hit, check that autoenrolment/Intune certificate renewal works in general.",
      ),
      [cmd(`certutil -pulse`, "Trigger certificate autoenrolment (domain-joined)")],
    ),
    "s-vpn-network-blocked": solution(
      "Resolved/workaround: the local network blocks the VPN",
      "The VPN works on another network (phone hotspot) or after flushing DNS, so the user's current network (hotel, guest Wi-Fi, home DNS filter) blocks it. Advise the user to use the hotspot on that network. If the firewall supports SSL VPN on TCP 443 as a fallback, suggest it to the network team.",
      [],
      "partially_resolved",
    ),
    "s-vpn-client": solution(
      "Resolved: VPN client updated/reinstalled",
      "The VPN client was outdated or damaged. Installed the supported version and rebooted; the VPN connects. If other users run the same old version, raise a task to update them centrally.",
    ),
    "s-vpn-connected": solution(
      "Resolved: internal access works over the VPN",
      "After reconnecting and refreshing DNS the internal servers are reachable. If short names fail but FQDNs work, ask the network team to push the DNS suffix search list with the VPN profile.",
    ),
    "e-vpn-identity": escalation(
      "Escalate to identity / security",
      "Identity & security team",
      md(
        "The sign-in is blocked by Conditional Access or flagged as risky (Entra ID Protection). Do **not** exclude the user from the policy yourself.",
        "",
        "Include: user **[VAR:user_upn]**, the sign-in log entries (time, IP, country, error code, policy name), and whether the user is travelling. If the sign-in looks like it is not the user, treat it as a possible compromise.",
      ),
    ),
    "e-vpn-network": escalation(
      "Escalate to the network team",
      "Network team (firewall / VPN)",
      md(
        "The gateway is unreachable from every network, its certificate is expired/untrusted, there is a subnet clash, or a current client with valid credentials still fails.",
        "",
        "Attach the details collected in the previous step: user, times, public IP, client and version, error code, client logs, and whether other users are affected. If **several users** cannot connect, raise it as a **major incident** for gateway **[VAR:vpn_gateway]**.",
      ),
    ),
  }),
};
