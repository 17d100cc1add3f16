extension Migration {
    /// A message the shop's configuration kept from going out waits, named by the setting to fix.
    static let configurationWaits = Migration(
        id: "0009_configuration_waits",
        statements: [
            "ALTER TABLE messages ADD COLUMN waiting_for_setting TEXT",
            "CREATE INDEX messages_waiting ON messages (shop_id, waiting_for_setting)",
        ])
}
