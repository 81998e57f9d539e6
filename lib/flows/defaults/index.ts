// The built-in flows every account sees: owned by the "ResolutionFlow" service account, public
// and published by the seed. Ids inside are readable and stable; the seed assigns UUIDs.
import type { PortableFlow } from "../portable";
import { fslogixProfileUpdate } from "./fslogix-profile-update";
import { linuxServerPatching } from "./linux-server-patching";
import { mappedDriveMissing } from "./mapped-drive-missing";
import { monthlyWindowsPatching } from "./monthly-windows-patching";
import { newUserOnboarding } from "./new-user-onboarding";
import { outlookWontStart } from "./outlook-wont-start";
import { printerOffline } from "./printer-offline";
import { slowComputer } from "./slow-computer";
import { userLockedOut } from "./user-locked-out";
import { userOffboarding } from "./user-offboarding";
import { vpnWontConnect } from "./vpn-wont-connect";

export const DEFAULT_FLOWS: PortableFlow[] = [
  outlookWontStart,
  printerOffline,
  vpnWontConnect,
  userLockedOut,
  slowComputer,
  mappedDriveMissing,
  newUserOnboarding,
  userOffboarding,
  fslogixProfileUpdate,
  monthlyWindowsPatching,
  linuxServerPatching,
];
