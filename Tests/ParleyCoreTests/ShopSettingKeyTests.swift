import ParleyCore
import Testing

@Suite("Shop setting keys")
struct ShopSettingKeyTests {
    @Test("every typed key is a setting of the catalog, and every setting has its typed key")
    func keysMatchCatalog() {
        #expect(ShopSetting.Key.all.map(\.rawValue) == ShopSetting.catalog.map(\.key))
    }

    @Test("a dictionary of settings reads and writes by typed key")
    func subscriptByKey() {
        var settings = ["brand.color": "#0a7d55"]
        #expect(settings[.brandColor] == "#0a7d55")
        settings[.supportEmail] = "help@kubki.example"
        #expect(settings["support.email"] == "help@kubki.example")
    }
}
