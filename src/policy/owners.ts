/** A person or team to tell: an email address and/or a Slack mention (`<@U012AB3CD>`, `<!subteam^S0123>`). */
export interface Contact {
  name?: string;
  email?: string;
  slack?: string;
}

/** Who answers for one account: its administrators, and their manager (escalation tier 2). */
export interface AccountOwners {
  owners: Contact[];
  manager?: Contact;
}

/**
 * Where owners come from (the policy file, or Organizations account tags). An account without
 * owners is reported to the security team instead, never silently skipped.
 */
export interface OwnerDirectory {
  forAccount(accountId: string): AccountOwners | undefined;
  securityTeam: Contact | undefined;
}
