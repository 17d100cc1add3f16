extension Migration {
    /// Shops, agents and their sessions, API keys, customers with identities, consent and timeline,
    /// orders, the job queue and stored idempotent responses.
    static let foundation = Migration(
        id: "0001_foundation",
        statements: [
            """
            CREATE TABLE shops (
                id $ID,
                slug TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                default_locale TEXT NOT NULL,
                time_zone TEXT NOT NULL,
                created_at TIMESTAMPTZ NOT NULL
            )
            """,
            """
            CREATE TABLE agents (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                email TEXT NOT NULL,
                name TEXT NOT NULL,
                role TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                created_at TIMESTAMPTZ NOT NULL,
                UNIQUE (shop_id, email)
            )
            """,
            "CREATE INDEX agents_email ON agents (email)",
            """
            CREATE TABLE agent_sessions (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                agent_id BIGINT NOT NULL REFERENCES agents(id),
                token_hash TEXT NOT NULL UNIQUE,
                csrf_token TEXT NOT NULL,
                created_at TIMESTAMPTZ NOT NULL,
                expires_at TIMESTAMPTZ NOT NULL
            )
            """,
            """
            CREATE TABLE api_keys (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                name TEXT NOT NULL,
                prefix TEXT NOT NULL,
                secret_hash TEXT NOT NULL UNIQUE,
                created_at TIMESTAMPTZ NOT NULL,
                last_used_at TIMESTAMPTZ,
                revoked_at TIMESTAMPTZ
            )
            """,
            """
            CREATE TABLE customers (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                public_id TEXT NOT NULL UNIQUE,
                name TEXT,
                locale TEXT,
                time_zone TEXT,
                preferred_channel TEXT,
                created_at TIMESTAMPTZ NOT NULL,
                updated_at TIMESTAMPTZ NOT NULL
            )
            """,
            "CREATE INDEX customers_shop ON customers (shop_id, id)",
            """
            CREATE TABLE customer_identities (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                customer_id BIGINT NOT NULL REFERENCES customers(id),
                kind TEXT NOT NULL,
                value TEXT NOT NULL,
                created_at TIMESTAMPTZ NOT NULL,
                UNIQUE (shop_id, kind, value)
            )
            """,
            "CREATE INDEX customer_identities_customer ON customer_identities (customer_id)",
            """
            CREATE TABLE customer_consents (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                customer_id BIGINT NOT NULL REFERENCES customers(id),
                channel TEXT NOT NULL,
                status TEXT NOT NULL,
                source TEXT NOT NULL,
                recorded_at TIMESTAMPTZ NOT NULL,
                UNIQUE (customer_id, channel)
            )
            """,
            """
            CREATE TABLE timeline_events (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                customer_id BIGINT NOT NULL REFERENCES customers(id),
                kind TEXT NOT NULL,
                occurred_at TIMESTAMPTZ NOT NULL,
                summary TEXT NOT NULL,
                data TEXT NOT NULL
            )
            """,
            "CREATE INDEX timeline_events_customer ON timeline_events (shop_id, customer_id, id)",
            """
            CREATE TABLE orders (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                customer_id BIGINT NOT NULL REFERENCES customers(id),
                public_id TEXT NOT NULL UNIQUE,
                external_id TEXT,
                number TEXT NOT NULL,
                stage TEXT NOT NULL,
                currency TEXT NOT NULL,
                total_minor BIGINT NOT NULL,
                placed_at TIMESTAMPTZ NOT NULL,
                updated_at TIMESTAMPTZ NOT NULL,
                UNIQUE (shop_id, external_id)
            )
            """,
            "CREATE INDEX orders_customer ON orders (shop_id, customer_id)",
            """
            CREATE TABLE jobs (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                kind TEXT NOT NULL,
                payload TEXT NOT NULL,
                status TEXT NOT NULL,
                attempts BIGINT NOT NULL,
                max_attempts BIGINT NOT NULL,
                run_at TIMESTAMPTZ NOT NULL,
                lease_expires_at TIMESTAMPTZ,
                locked_by TEXT,
                last_error TEXT,
                idempotency_key TEXT,
                created_at TIMESTAMPTZ NOT NULL,
                updated_at TIMESTAMPTZ NOT NULL,
                finished_at TIMESTAMPTZ,
                UNIQUE (shop_id, kind, idempotency_key)
            )
            """,
            "CREATE INDEX jobs_ready ON jobs (status, run_at)",
            """
            CREATE TABLE idempotent_requests (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                key TEXT NOT NULL,
                fingerprint TEXT NOT NULL,
                status_code BIGINT,
                content_type TEXT,
                body $BLOB,
                created_at TIMESTAMPTZ NOT NULL,
                UNIQUE (shop_id, key)
            )
            """,
        ]
    )
}
