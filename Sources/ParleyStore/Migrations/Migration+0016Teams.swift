extension Migration {
    /// Teams of agents ("Returns", "Wholesale"): a conversation names the team that owns it, an
    /// agent may be in several, and the inbox filters by team.
    static let teams = Migration(
        id: "0016_teams",
        statements: [
            """
            CREATE TABLE teams (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                name TEXT NOT NULL,
                created_at TIMESTAMPTZ NOT NULL
            )
            """,
            "CREATE UNIQUE INDEX teams_name ON teams (shop_id, name)",
            """
            CREATE TABLE team_members (
                team_id BIGINT NOT NULL REFERENCES teams(id),
                agent_id BIGINT NOT NULL REFERENCES agents(id),
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                PRIMARY KEY (team_id, agent_id)
            )
            """,
            "CREATE INDEX conversations_team ON conversations (shop_id, team, status, id)",
        ])
}
