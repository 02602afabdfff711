// A small AWS emulator for end-to-end tests and benchmarks: real SDK v3 clients talk to it over the
// real wire protocols, and it answers from a Rampart inventory (see world.ts).
//
// Clients need: `endpoint` (the server's URL, or any URL with `requestHandler: emulatorHttpHandler(...)`),
// S3 `forcePathStyle: true`, and S3 Control a fixed `endpointProvider: () => ({ url: new URL(endpoint) })`
// because its endpoint rules put the account id in front of any host.
export { startEmulator, type RunningEmulator } from './server.ts';
export { emulatorHttpHandler, type EmulatorHttpHandler } from './handler.ts';
export { createEmulatorCore, type EmulatorCore } from './core.ts';
export { CallLog } from './call-log.ts';
export type {
  AsffDocument,
  CallRecord,
  EmulatorOptions,
  EmulatorWorld,
  Fault,
  FindingAggregatorConfig,
  GuardDutyDocument,
  HubWorld,
  OptInStatus,
  OrgAccount,
  WorldRegion,
} from './world.ts';
