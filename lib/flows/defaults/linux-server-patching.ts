import type { PortableFlow } from "../portable";
import { bash, end, md, procedure, section, step, variable } from "./build";

export const linuxServerPatching: PortableFlow = {
  name: "Linux server patching",
  description:
    "Routine package updates for Debian/Ubuntu (apt) and RHEL/Rocky/Alma (dnf) servers, run once per server of a target list: pre-checks (backup, disk and /boot space, held packages, service baseline), a snapshot, a reviewed upgrade, kernel and needs-restarting checks, a controlled reboot, post-checks against the baseline and the journal, and documentation.",
  type: "maintenance",
  category: "Maintenance",
  tags: ["patching", "linux", "apt", "dnf", "maintenance"],
  visibility: "public",
  variables: [
    variable("server_name", "Server", "hostname", "The server this session patches — in a maintenance batch, the session's target.", { required: true }),
    variable("distro_family", "Distribution family", "select", "Decides which of the apt/dnf commands apply.", {
      options: ["Debian / Ubuntu (apt)", "RHEL / Rocky / AlmaLinux / Fedora (dnf)"],
      required: true,
    }),
    variable("app_service", "Main application service", "text", "systemd unit of the server's main application, e.g. nginx, postgresql, docker."),
    variable("app_url", "Application URL", "url", "URL to smoke-test after patching, e.g. https://app.example.com/health."),
    variable("change_ticket", "Change / ticket number", "text", "The approved change or maintenance ticket for this window."),
  ],
  structure: procedure(
    section("sec-lpatch-pre", "Pre-checks"),
    step("s-lpatch-connect", "Connect and record the current state", {
      type: "verification",
      description: md(
        "Connect to **[VAR:server_name]** ([VAR:distro_family]) with your own account and sudo. Record OS release, running kernel and uptime for the ticket **[VAR:change_ticket]**.",
      ),
      commands: [
        bash(`ssh [VAR:server_name]`, "Connect"),
        bash(
          `
          . /etc/os-release && echo "$PRETTY_NAME"
          uname -r
          uptime
          `,
          "OS, kernel, uptime",
        ),
      ],
      expected: "OS version, running kernel and uptime recorded.",
    }),
    step("s-lpatch-backup", "Verify the last backup succeeded", {
      type: "verification",
      description: "Confirm in the backup system that the server (and its databases, if any) had a successful backup in the last 24 hours. A snapshot is not a backup.",
      expected: "A successful backup less than 24 hours old.",
    }),
    step("s-lpatch-disk", "Check disk space, especially /boot", {
      type: "verification",
      description: md(
        "Upgrades need free space in `/` and `/var` (package cache), and a new kernel needs room in **/boot** — a full /boot is the classic cause of a half-installed kernel. Remove old kernels first if /boot has less than ~100 MB free (Debian/Ubuntu: `apt autoremove --purge`; RHEL: `installonly_limit` keeps 3 by default).",
      ),
      commands: [
        bash(`df -hT -x tmpfs -x devtmpfs -x overlay`, "Free space"),
        bash(`df -h /boot; ls -1 /boot | grep -E '^vmlinuz'`, "/boot and installed kernels"),
      ],
      expected: "At least 2 GB free in / and /var, and 100 MB+ in /boot.",
    }),
    step("s-lpatch-holds", "Check held / version-locked packages", {
      type: "verification",
      description: "Packages pinned on purpose (database engines, Kubernetes components, vendor agents) must stay pinned. Know them before upgrading so a 'kept back' message is not a surprise.",
      commands: [
        bash(`apt-mark showhold`, "Debian/Ubuntu: held packages"),
        bash(`sudo dnf versionlock list 2>/dev/null || echo "versionlock plugin not installed"`, "RHEL family: version locks"),
      ],
      expected: "The list of pinned packages is known and intended.",
    }),
    step("s-lpatch-baseline", "Save the running services and failed units", {
      description: "Records which services run before patching (kept in /var/tmp, which survives the reboot) so the post-check can show what did not come back.",
      commands: [
        bash(
          `
          systemctl list-units --type=service --state=running --no-legend --plain | awk '{print $1}' | sort > /var/tmp/services-before.txt
          wc -l < /var/tmp/services-before.txt
          systemctl --failed --no-legend
          `,
          "Baseline of running services",
        ),
      ],
      expected: "Baseline saved; any units already failed before patching are noted (not caused by the patching).",
    }),
    section("sec-lpatch-snapshot", "Snapshot"),
    step("s-lpatch-snapshot", "Take a VM or cloud snapshot", {
      type: "warning",
      description: md(
        "**Check first:** databases on the server should be backed up separately — a snapshot without quiescing is only crash-consistent. Make sure the datastore/cloud quota has room.",
        "",
        "Take the snapshot in the hypervisor or cloud console (vSphere, Hyper-V, Proxmox, AWS EBS snapshot, Azure disk snapshot) named `Pre-patch <date> [VAR:change_ticket]`. Delete it after the post-checks and the agreed waiting time.",
      ),
      expected: "A pre-patch snapshot exists for the server.",
    }),
    section("sec-lpatch-update", "Update packages"),
    step("s-lpatch-review", "Refresh the package lists and review what will change", {
      type: "verification",
      description: md(
        "Look at the list before installing: **removals** in the simulation, major version jumps of databases or runtimes, and kernel updates (these need a reboot).",
      ),
      commands: [
        bash(
          `
          sudo apt-get update
          apt list --upgradable 2>/dev/null
          sudo apt-get -s dist-upgrade | grep -E '^(Inst|Remv)'
          `,
          "Debian/Ubuntu: what would change (simulation)",
        ),
        bash(`sudo dnf check-update; sudo dnf updateinfo list --security`, "RHEL family: available and security updates"),
      ],
      expected: "The update list is reviewed; no unexpected removals.",
    }),
    step("s-lpatch-upgrade", "Install the updates", {
      description: md(
        "Runs non-interactively and keeps existing configuration files when a package ships a new default (`--force-confold`); review `.dpkg-dist` / `.rpmnew` files afterwards.",
        "",
        "On Ubuntu, `needrestart` restarts affected services automatically with `NEEDRESTART_MODE=a`; use `l` to only list them if the server's services must be restarted by hand.",
      ),
      commands: [
        bash(
          `sudo DEBIAN_FRONTEND=noninteractive NEEDRESTART_MODE=a apt-get -y -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold dist-upgrade`,
          "Debian/Ubuntu: upgrade",
        ),
        bash(`sudo dnf -y upgrade --refresh`, "RHEL family: upgrade"),
      ],
      expected: "The upgrade completes without errors.",
    }),
    step("s-lpatch-needs-reboot", "Check whether a reboot or service restarts are needed", {
      type: "verification",
      description: md(
        "- **Debian/Ubuntu**: `/var/run/reboot-required` exists after kernel, libc or systemd updates; `needrestart` lists services still using old libraries.",
        "- **RHEL family**: `dnf needs-restarting -r` exits with 1 when a reboot is needed; `-s` lists services to restart (plugin from `dnf-plugins-core` / `yum-utils`).",
        "",
        "Compare the running kernel (`uname -r`) with the newest installed one.",
      ),
      commands: [
        bash(
          `
          if [ -f /var/run/reboot-required ]; then cat /var/run/reboot-required /var/run/reboot-required.pkgs 2>/dev/null; else echo "No reboot required"; fi
          sudo needrestart -r l -b 2>/dev/null
          `,
          "Debian/Ubuntu",
        ),
        bash(
          `
          sudo dnf needs-restarting -r; echo "exit code: $?"
          sudo dnf needs-restarting -s
          sudo grubby --default-kernel
          `,
          "RHEL family",
        ),
      ],
      expected: "You know whether a reboot is required and which services need a restart.",
    }),
    section("sec-lpatch-reboot", "Reboot"),
    step("s-lpatch-reboot", "Reboot (if required) and wait for the server", {
      type: "warning",
      description: md(
        "**Check first:** no one else is working on the server (`who`), no long-running jobs (backups, cron batch jobs, database maintenance) are running, and cluster members (Pacemaker, Patroni, Kubernetes nodes) were drained/failed over.",
        "",
        "If no reboot is required, restart only the services listed by needrestart/needs-restarting and skip to the post-checks.",
      ),
      commands: [
        bash(`who; systemctl list-jobs --no-legend`, "Who is signed in, pending jobs"),
        bash(`sudo systemctl reboot`, "Reboot"),
        bash(`until ssh -o ConnectTimeout=5 -o BatchMode=yes [VAR:server_name] true 2>/dev/null; do sleep 10; done; echo "[VAR:server_name] is back"`, "From your workstation: wait until SSH answers"),
      ],
      expected: "The server is back and accepts SSH.",
    }),
    section("sec-lpatch-post", "Post-checks"),
    step("s-lpatch-kernel", "Confirm the new kernel is running", {
      type: "verification",
      description: "After a kernel update the running kernel must be the newest installed one. If it is not, check the bootloader default (`grubby --default-kernel`, `/etc/default/grub`) and /boot space.",
      commands: [bash(`uname -r; uptime`, "Running kernel and uptime")],
      expected: "The running kernel is the newly installed version; uptime shows the reboot.",
    }),
    step("s-lpatch-services", "Compare services with the baseline", {
      type: "verification",
      description: "Shows services that ran before patching but do not run now, and any failed units. Start them (`sudo systemctl start <unit>`) and check `journalctl -u <unit>` for the ones that fail.",
      commands: [
        bash(
          `
          systemctl list-units --type=service --state=running --no-legend --plain | awk '{print $1}' | sort > /var/tmp/services-after.txt
          comm -23 /var/tmp/services-before.txt /var/tmp/services-after.txt
          systemctl --failed --no-legend
          `,
          "Missing services and failed units",
        ),
      ],
      expected: "No output from comm (nothing missing) and no new failed units.",
    }),
    step("s-lpatch-journal", "Check the journal for errors since boot", {
      type: "verification",
      description: "Review error-level messages since the reboot; new errors from storage, filesystems, network or the application need attention.",
      commands: [bash(`sudo journalctl -b -p err --no-pager | tail -n 50`, "Errors since boot")],
      expected: "No new errors related to the server's role.",
    }),
    step("s-lpatch-smoke", "Smoke-test the application", {
      type: "verification",
      description: "Check what the server is for: the main service **[VAR:app_service]** is active and the application answers at **[VAR:app_url]**. For anything else, ask the application owner to confirm and note who confirmed.",
      commands: [
        bash(`systemctl is-active [VAR:app_service] && systemctl status [VAR:app_service] --no-pager --lines=5`, "Main service"),
        bash(`curl -fsS -o /dev/null -w '%{http_code} in %{time_total}s\\n' [VAR:app_url]`, "Application URL"),
      ],
      expected: "The service is active and the URL answers 200 (or the owner confirmed).",
    }),
    step("s-lpatch-cleanup", "Clean up old packages and the snapshot", {
      type: "warning",
      description: md(
        "**Check first:** review the list `autoremove` proposes — it can remove packages that were installed as dependencies but are used directly by an application. Only delete the snapshot after the owner confirmed the server works (or the agreed 24–72 hours passed).",
      ),
      commands: [
        bash(`sudo apt-get -s autoremove --purge | grep '^Remv'`, "Debian/Ubuntu: what autoremove would remove"),
        bash(`sudo apt-get -y autoremove --purge && sudo apt-get clean`, "Debian/Ubuntu: remove unused packages and the cache"),
        bash(`sudo dnf -y autoremove && sudo dnf clean packages`, "RHEL family: remove unused packages and the cache"),
      ],
      expected: "Old kernels and unused packages removed; the snapshot deleted when confirmed.",
    }),
    section("sec-lpatch-doc", "Document"),
    step("s-lpatch-document", "Record what changed", {
      type: "information",
      description: "Paste the package changes, old and new kernel, reboot time and check results into **[VAR:change_ticket]**.",
      commands: [
        bash(`grep -A6 "^Start-Date: $(date +%F)" /var/log/apt/history.log`, "Debian/Ubuntu: today's apt history"),
        bash(`sudo dnf history info last`, "RHEL family: last transaction"),
      ],
      expected: "The ticket lists the updated packages and the outcome for [VAR:server_name].",
    }),
    end(
      "end-lpatch",
      "Server patched",
      "[VAR:server_name] is updated, rebooted if needed and checked. Complete the session as 'completed', or 'completed with issues' with details in the notes so the batch view shows what needs attention.",
    ),
  ),
};
