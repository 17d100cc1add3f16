extension Migration {
    /// Conversations shared by every channel, their messages and participants, the raw mail they
    /// came from (stored before anything else), attachments, tags, canned responses, and the audit of
    /// merges and splits.
    static let inbox = Migration(
        id: "0004_inbox",
        statements: [
            """
            CREATE TABLE shop_counters (
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                name TEXT NOT NULL,
                value BIGINT NOT NULL,
                PRIMARY KEY (shop_id, name)
            )
            """,
            """
            CREATE TABLE inbound_mail (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                public_id TEXT NOT NULL UNIQUE,
                source TEXT NOT NULL,
                envelope_from TEXT,
                envelope_to TEXT,
                remote_address TEXT,
                size BIGINT NOT NULL,
                raw $BLOB NOT NULL,
                status TEXT NOT NULL,
                detail TEXT,
                conversation_id BIGINT,
                received_at TIMESTAMPTZ NOT NULL,
                processed_at TIMESTAMPTZ
            )
            """,
            "CREATE INDEX inbound_mail_status ON inbound_mail (shop_id, status, id)",
            """
            CREATE TABLE conversations (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                number BIGINT NOT NULL,
                public_id TEXT NOT NULL UNIQUE,
                reply_token TEXT NOT NULL UNIQUE,
                customer_id BIGINT REFERENCES customers(id),
                channel TEXT NOT NULL,
                subject TEXT NOT NULL,
                normalized_subject TEXT NOT NULL,
                status TEXT NOT NULL,
                priority TEXT NOT NULL,
                assignee_id BIGINT REFERENCES agents(id),
                team TEXT,
                snoozed_until TIMESTAMPTZ,
                merged_into_id BIGINT REFERENCES conversations(id),
                sla_clock TEXT,
                sla_due_at TIMESTAMPTZ,
                created_at TIMESTAMPTZ NOT NULL,
                updated_at TIMESTAMPTZ NOT NULL,
                last_message_at TIMESTAMPTZ NOT NULL,
                UNIQUE (shop_id, number)
            )
            """,
            "CREATE INDEX conversations_inbox ON conversations (shop_id, status, last_message_at)",
            "CREATE INDEX conversations_customer ON conversations (shop_id, customer_id, normalized_subject)",
            """
            CREATE TABLE conversation_participants (
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                conversation_id BIGINT NOT NULL REFERENCES conversations(id),
                address TEXT NOT NULL,
                PRIMARY KEY (conversation_id, address)
            )
            """,
            """
            CREATE TABLE conversation_messages (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                conversation_id BIGINT NOT NULL REFERENCES conversations(id),
                public_id TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL,
                channel TEXT NOT NULL,
                customer_id BIGINT REFERENCES customers(id),
                agent_id BIGINT REFERENCES agents(id),
                sender TEXT,
                subject TEXT,
                clean_text TEXT NOT NULL,
                body_text TEXT,
                body_html TEXT,
                quoted TEXT,
                signature TEXT,
                message_id TEXT,
                inbound_mail_id BIGINT REFERENCES inbound_mail(id),
                outbound_message_id BIGINT REFERENCES messages(id),
                threading TEXT,
                flag TEXT,
                machine TEXT,
                created_at TIMESTAMPTZ NOT NULL
            )
            """,
            "CREATE INDEX conversation_messages_conversation ON conversation_messages (shop_id, conversation_id, id)",
            "CREATE INDEX conversation_messages_message_id ON conversation_messages (shop_id, message_id)",
            """
            CREATE TABLE attachments (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                public_id TEXT NOT NULL UNIQUE,
                conversation_message_id BIGINT NOT NULL REFERENCES conversation_messages(id),
                filename TEXT,
                content_type TEXT NOT NULL,
                content_id TEXT,
                is_inline BOOLEAN NOT NULL,
                size BIGINT NOT NULL,
                data $BLOB NOT NULL,
                created_at TIMESTAMPTZ NOT NULL
            )
            """,
            "CREATE INDEX attachments_message ON attachments (shop_id, conversation_message_id)",
            """
            CREATE TABLE conversation_events (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                conversation_id BIGINT NOT NULL REFERENCES conversations(id),
                kind TEXT NOT NULL,
                agent_id BIGINT REFERENCES agents(id),
                detail TEXT,
                occurred_at TIMESTAMPTZ NOT NULL
            )
            """,
            "CREATE INDEX conversation_events_conversation ON conversation_events (shop_id, conversation_id, id)",
            """
            CREATE TABLE conversation_tags (
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                conversation_id BIGINT NOT NULL REFERENCES conversations(id),
                tag TEXT NOT NULL,
                PRIMARY KEY (conversation_id, tag)
            )
            """,
            "CREATE INDEX conversation_tags_tag ON conversation_tags (shop_id, tag)",
            """
            CREATE TABLE canned_responses (
                id $ID,
                shop_id BIGINT NOT NULL REFERENCES shops(id),
                public_id TEXT NOT NULL UNIQUE,
                shortcut TEXT NOT NULL,
                title TEXT NOT NULL,
                body TEXT NOT NULL,
                created_at TIMESTAMPTZ NOT NULL,
                updated_at TIMESTAMPTZ NOT NULL,
                UNIQUE (shop_id, shortcut)
            )
            """,
            "ALTER TABLE messages ADD COLUMN conversation_id BIGINT REFERENCES conversations(id)",
            "ALTER TABLE messages ADD COLUMN in_reply_to TEXT",
            "ALTER TABLE messages ADD COLUMN references_header TEXT",
            "ALTER TABLE messages ADD COLUMN reply_to TEXT",
            "CREATE INDEX messages_message_id ON messages (shop_id, message_id)",
        ]
    )
}
