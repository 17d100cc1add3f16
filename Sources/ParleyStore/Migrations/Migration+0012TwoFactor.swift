extension Migration {
    /// Two-step sign-in: an agent's authenticator secret (set, then confirmed), the last code step
    /// used (a code works once), hashed recovery codes; and sessions that wait for the second step.
    static let twoFactor = Migration(
        id: "0012_two_factor",
        statements: [
            "ALTER TABLE agents ADD COLUMN totp_secret TEXT",
            "ALTER TABLE agents ADD COLUMN totp_enabled_at TIMESTAMPTZ",
            "ALTER TABLE agents ADD COLUMN totp_last_step BIGINT",
            "ALTER TABLE agents ADD COLUMN recovery_codes TEXT",
            "ALTER TABLE agent_sessions ADD COLUMN stage TEXT NOT NULL DEFAULT 'complete'",
        ])
}
