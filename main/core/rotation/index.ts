export { createRotationManager, nextStep } from './manager.js';
export type { RotationManager, RotationResult } from './manager.js';
export type {
  ConfirmFn,
  ConfirmInfo,
  FaultHook,
  FaultPoint,
  RotationDeps,
  SecretStore,
  PasswordIndexLike,
} from './deps.js';
export { Journal, JOURNAL_FILE, STEPS } from './journal.js';
export type { RotationRecord, StepName } from './journal.js';
export { loginVerifier } from './verify.js';
export type { Verifier, VerifyCheck, VerifyOutcome } from './verify.js';
