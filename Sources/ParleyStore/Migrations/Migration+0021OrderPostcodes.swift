extension Migration {
    /// The postcode an order ships to: with the order's email address, what a customer shows the
    /// assistant to prove the order is theirs.
    static let orderPostcodes = Migration(
        id: "0021_order_postcodes",
        statements: ["ALTER TABLE orders ADD COLUMN shipping_postcode TEXT"])
}
