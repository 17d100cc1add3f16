import ParleyChannels
import ParleyCore
import Testing

@Suite("SMS provider settings")
struct SMSProvidersTests {
    @Test("missing settings are named by their shop setting keys, and wait for the shop to set them")
    func missingSettings() {
        let cases: [(SMSSettings, String, String)] = [
            (
                SMSSettings(provider: "twilio"), "sms.username",
                "the twilio SMS provider needs the shop settings sms.username, sms.secret, sms.from"
            ),
            (
                SMSSettings(provider: "kannel", username: "parley"), "sms.url",
                "the kannel SMS provider needs the shop settings sms.url, sms.secret"
            ),
            (
                SMSSettings(provider: "webhook", url: "", secret: "s3cret-value"), "sms.url",
                "the webhook SMS provider needs the shop settings sms.url"
            ),
            (
                SMSSettings(provider: "carrier-pigeon"), "sms.provider",
                "unknown SMS provider carrier-pigeon: set the shop setting sms.provider to twilio, kannel, webhook"
            ),
        ]
        for (settings, setting, message) in cases {
            #expect(throws: TransportError.configuration(setting: setting, message)) {
                try SMSProviders.transport(settings: settings, callbackURL: "https://parley.example/hooks/sms/x/kubki")
            }
        }
    }

    @Test("settings come from the shop's sms.* keys")
    func fromShopSettings() {
        #expect(SMSSettings(shopSettings: ["sms.from": "+48221234567"]) == nil)
        #expect(
            SMSSettings(shopSettings: [
                "sms.provider": "kannel", "sms.url": "http://127.0.0.1:13013/cgi-bin/sendsms", "sms.username": "u", "sms.secret": "p",
            ])
                == SMSSettings(provider: "kannel", url: "http://127.0.0.1:13013/cgi-bin/sendsms", username: "u", secret: "p"))
    }
}
