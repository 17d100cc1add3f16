/// The key of a shop setting, typed: code names `.brandColor`, and a misspelt key does not compile.
/// The strings are the keys of `ShopSetting.catalog`, which `PATCH /api/v1/shop` and `parley shop set` take.
extension ShopSetting {
    public struct Key: RawRepresentable, Hashable, Sendable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let name = Key(rawValue: "name")
        public static let shopURL = Key(rawValue: "shop.url")
        public static let defaultLocale = Key(rawValue: "default_locale")
        public static let timeZone = Key(rawValue: "time_zone")
        public static let securityRequireTwoFactor = Key(rawValue: "security.require_two_factor")
        public static let shopifyWebhookSecret = Key(rawValue: "shopify.webhook_secret")
        public static let woocommerceWebhookSecret = Key(rawValue: "woocommerce.webhook_secret")
        public static let shopifyShopDomain = Key(rawValue: "shopify.shop_domain")
        public static let woocommerceSiteURL = Key(rawValue: "woocommerce.site_url")
        public static let brandLogoURL = Key(rawValue: "brand.logo_url")
        public static let brandColor = Key(rawValue: "brand.color")
        public static let brandSignature = Key(rawValue: "brand.signature")
        public static let supportEmail = Key(rawValue: "support.email")
        public static let widgetPrechat = Key(rawValue: "widget.prechat")
        public static let widgetGreeting = Key(rawValue: "widget.greeting")
        public static let assistantModelURL = Key(rawValue: "assistant.model_url")
        public static let assistantModel = Key(rawValue: "assistant.model")
        public static let assistantModelKey = Key(rawValue: "assistant.model_key")
        public static let widgetIdentitySecret = Key(rawValue: "widget.identity_secret")
        public static let supportPhone = Key(rawValue: "support.phone")
        public static let inboxAcknowledge = Key(rawValue: "inbox.acknowledge")
        public static let slaFirstResponse = Key(rawValue: "sla.first_response")
        public static let slaNextResponse = Key(rawValue: "sla.next_response")
        public static let slaResolution = Key(rawValue: "sla.resolution")
        public static let inboxBusinessHours = Key(rawValue: "inbox.business_hours")
        public static let inboxHolidays = Key(rawValue: "inbox.holidays")
        public static let inboxSenderHourlyLimit = Key(rawValue: "inbox.sender_hourly_limit")
        public static let emailFrom = Key(rawValue: "email.from")
        public static let emailBounceAddress = Key(rawValue: "email.bounce_address")
        public static let emailSMTPURL = Key(rawValue: "email.smtp_url")
        public static let dkimDomain = Key(rawValue: "dkim.domain")
        public static let dkimSelector = Key(rawValue: "dkim.selector")
        public static let dkimPrivateKey = Key(rawValue: "dkim.private_key")
        public static let smsProvider = Key(rawValue: "sms.provider")
        public static let smsFrom = Key(rawValue: "sms.from")
        public static let smsURL = Key(rawValue: "sms.url")
        public static let smsUsername = Key(rawValue: "sms.username")
        public static let smsSecret = Key(rawValue: "sms.secret")
        public static let notifyEmailStages = Key(rawValue: "notify.email_stages")
        public static let notifySMSStages = Key(rawValue: "notify.sms_stages")
        public static let pressureEmailCaps = Key(rawValue: "pressure.email_caps")
        public static let pressureSMSCaps = Key(rawValue: "pressure.sms_caps")
        public static let pressureMinimumGap = Key(rawValue: "pressure.minimum_gap")
        public static let pressureAfterOrderUpdate = Key(rawValue: "pressure.after_order_update")
        public static let pressureQuietHours = Key(rawValue: "pressure.quiet_hours")
        public static let pressureHoldDuringSupport = Key(rawValue: "pressure.hold_during_support")
        public static let marketingTracking = Key(rawValue: "marketing.tracking")
        public static let marketingDoubleOptIn = Key(rawValue: "marketing.double_opt_in")
        public static let eventsRetention = Key(rawValue: "events.retention")

        /// Every key, in the catalog's order.
        public static let all: [Key] = [
            name, defaultLocale, timeZone, shopURL, securityRequireTwoFactor, shopifyWebhookSecret, woocommerceWebhookSecret,
            shopifyShopDomain, woocommerceSiteURL, brandLogoURL, brandColor, brandSignature, supportEmail, widgetPrechat, widgetGreeting,
            assistantModelURL, assistantModel, assistantModelKey, widgetIdentitySecret, supportPhone, inboxAcknowledge, slaFirstResponse,
            slaNextResponse, slaResolution, inboxBusinessHours, inboxHolidays, inboxSenderHourlyLimit, emailFrom, emailBounceAddress,
            emailSMTPURL, dkimDomain, dkimSelector, dkimPrivateKey, smsProvider, smsFrom, smsURL, smsUsername, smsSecret, notifyEmailStages,
            notifySMSStages, pressureEmailCaps, pressureSMSCaps, pressureMinimumGap, pressureAfterOrderUpdate, pressureQuietHours,
            pressureHoldDuringSupport, marketingTracking, eventsRetention, marketingDoubleOptIn,
        ]
    }
}

extension Dictionary where Key == String {
    /// A shop's setting in a dictionary of settings by key (`settings[.brandColor]`).
    public subscript(_ setting: ShopSetting.Key) -> Value? {
        get { self[setting.rawValue] }
        set { self[setting.rawValue] = newValue }
    }
}
