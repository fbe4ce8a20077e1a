/**
 * Runtime validation of every IPC argument of main/contract.ts. Main treats arguments as
 * `unknown` until the tuple schema of their channel accepts them.
 */
import { z } from 'zod';
import { appPasswordName } from '../protocol/broker-api.js';
import { hostName } from '../protocol/discovery.js';
import { SIGN_IN_PAGE_CODES, type SignInPageCode } from '../protocol/messages.js';
import { protocolScope } from '../protocol/scopes.js';
import { CLIENT_KINDS, type AppPassInvokes } from './contract.js';

const email = z.string().trim().max(254).pipe(z.email());
const id = z
  .number()
  .int()
  .positive()
  .max(2 ** 31);
/** Secret handles are random ids made by main; anything else is refused. */
const secretRef = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);
const ip = z.union([z.ipv4(), z.ipv6()]);

const createPasswordInput = z
  .object({
    name: appPasswordName,
    client: z.enum(CLIENT_KINDS),
    protocols: z.array(protocolScope).min(1).max(6),
  })
  .strict();

/** One line of text the renderer wrote: printable, no markup that could break the Markdown. */
const summaryLine = z
  .string()
  .max(400)
  .regex(/^[^\p{Cc}<>]*$/u);
const pageWords = z.object({ title: summaryLine, body: summaryLine }).strict();
const signInPageText = z
  .object({
    lang: z.enum(['en', 'de']),
    pages: z
      .object(
        Object.fromEntries(SIGN_IN_PAGE_CODES.map((c) => [c, pageWords])) as Record<
          SignInPageCode,
          typeof pageWords
        >,
      )
      .strict(),
    close: summaryLine,
  })
  .strict();

const mobileconfigText = z
  .object({
    accountDescription: summaryLine,
    accountTitle: summaryLine,
    profileDescription: summaryLine,
    profileDescriptionWithPassword: summaryLine,
  })
  .strict();

const doctorSummary = z.object({ headline: summaryLine, counts: summaryLine }).strict();

const doctorOptions = z.object({ passwordId: id.optional(), host: hostName.optional() }).strict();

/** One argument-tuple schema per channel; the mapped type keeps it in step with the contract. */
export const invokeArgs = {
  appInfo: z.tuple([]),
  discover: z.tuple([email]),
  signIn: z.union([z.tuple([email]), z.tuple([email, signInPageText])]),
  cancelSignIn: z.tuple([]),
  signOut: z.tuple([]),
  session: z.tuple([]),
  listPasswords: z.tuple([]),
  interruptedCreates: z.tuple([]),
  createPassword: z.tuple([createPasswordInput]),
  copyToClipboard: z.tuple([secretRef]),
  copyStoredPassword: z.tuple([id]),
  reopenSignIn: z.tuple([]),
  copySignInLink: z.tuple([]),
  saveMobileconfig: z.tuple([
    secretRef,
    z.object({ includePassword: z.boolean(), text: mobileconfigText.optional() }).strict(),
  ]),
  forgetSecret: z.tuple([secretRef]),
  revokePasswords: z.tuple([z.union([z.array(id).min(1).max(100), z.literal('all')])]),
  startRotation: z.tuple([id]),
  confirmRotation: z.tuple([id]),
  runDoctor: z.tuple([doctorOptions]),
  copyDoctorReport: z.union([z.tuple([]), z.tuple([doctorSummary])]),
  keychainStatus: z.tuple([]),
  helpdeskLookup: z.tuple([email]),
  helpdeskRevoke: z.tuple([email, z.union([id, z.literal('all')])]),
  helpdeskBans: z.tuple([z.union([ip, z.null()])]),
  helpdeskUnban: z.tuple([ip]),
} satisfies { [K in keyof AppPassInvokes]: z.ZodType<Parameters<AppPassInvokes[K]>> };

export type InvokeName = keyof typeof invokeArgs;
