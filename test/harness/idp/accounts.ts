import type { Account, AccountClaims, FindAccount } from 'oidc-provider';

export interface IdpUser {
  sub: string;
  email: string;
  email_verified: boolean;
  name: string;
  password: string;
  /** The `groups` claim (with the profile scope, as authentik's default mapping does). */
  groups?: string[];
}

export interface IdpUsers {
  alice: IdpUser;
  bob: IdpUser;
  /** email_verified false: the broker must refuse her by default. */
  mallory: IdpUser;
  carol: IdpUser;
  /**
   * Profile `authentik` only (seed 000): signs in to authentik through its mailcow OAuth2
   * source, so authentik holds no `email_verified` attribute for her: unverified.
   */
  federated?: IdpUser;
}

/** Same mailboxes as the mailcow emulator's defaults. Passwords are test-only constants. */
export function defaultUsers(): IdpUsers {
  const user = (local: string, name: string, verified = true, groups = ['staff']): IdpUser => ({
    sub: `${local}-sub-0001`,
    email: `${local}@example.test`,
    email_verified: verified,
    name,
    password: `${local}-correct-horse`,
    groups,
  });
  return {
    alice: user('alice', 'Alice Example'),
    /** Member of the group "helpdesk". */
    bob: user('bob', 'Bob Example', true, ['staff', 'helpdesk']),
    mallory: user('mallory', 'Mallory Unverified', false),
    carol: user('carol', 'Carol Example'),
  };
}

/** Seed 000's user: her mailbox is dana@example.test; authentik knows her only from mailcow. */
export function federatedUser(): IdpUser {
  return {
    sub: 'dana-sub-0001',
    email: 'dana@example.test',
    email_verified: false,
    name: 'Dana Federated',
    password: 'dana-correct-horse',
  };
}

export function userBySub(users: IdpUsers, sub: string): IdpUser | undefined {
  return Object.values(users).find((u: IdpUser) => u.sub === sub);
}

/** The login form checks the password for real; a wrong one yields undefined. */
export function checkCredentials(
  users: IdpUsers,
  login: string,
  password: string,
): IdpUser | undefined {
  const user = Object.values(users).find((u: IdpUser) => u.email === login.trim().toLowerCase());
  return user && user.password === password ? user : undefined;
}

/** Claims every token/userinfo may carry; oidc-provider filters them by granted scope. */
export function accountClaims(user: IdpUser): AccountClaims {
  return {
    sub: user.sub,
    email: user.email,
    email_verified: user.email_verified,
    name: user.name,
    groups: user.groups ?? [],
  };
}

export function accountFinder(users: IdpUsers): FindAccount {
  return (_ctx, id): Account | undefined => {
    const user = userBySub(users, id);
    if (!user) return undefined;
    return { accountId: user.sub, claims: () => accountClaims(user) };
  };
}
