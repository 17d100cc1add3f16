import ParleyCore
import ParleyStore

/// The job handlers of a Parley installation, registered with every worker.
public enum JobHandlers {
    /// Announcing order stages, filing received email into conversations and sending messages
    /// through `transports`, keeping conversations' deadlines, announcing inbox changes on `events`, posting the shop's webhooks through `webhooks`. `fallbackDomain` is the domain of the public URL, the sender's domain
    /// for shops that set none.
    public static func all(
        database: ParleyDatabase, clock: any WallClock, catalogs: MessageCatalogs, templates: OrderMessageTemplates,
        links: TrackingLinks, confirmations: AddressConfirmations, preferences: PreferenceCentre, transports: any MessageTransports,
        fallbackDomain: String, events: InboxEvents, webhooks: any WebhookSender
    ) -> [any JobHandler] {
        [
            NotifyOrderStage(database: database, clock: clock, templates: templates, links: links),
            SendMessage(database: database, clock: clock, transports: transports, fallbackDomain: fallbackDomain),
            FileIncomingEmail(
                database: database, clock: clock, catalogs: catalogs, fallbackDomain: fallbackDomain, events: events, links: links),
            ConversationTimers(database: database, clock: clock, events: events),
            EraseCustomer(database: database, clock: clock),
            ChatFollowUp(database: database, clock: clock, catalogs: catalogs, fallbackDomain: fallbackDomain),
            CallbackReminder(database: database, events: events),
            SendAddressConfirmation(
                database: database, clock: clock, catalogs: catalogs, confirmations: confirmations, transports: transports,
                fallbackDomain: fallbackDomain),
            DeliverWebhook(database: database, clock: clock, sender: webhooks),
            DeliverChannelMessage(database: database, clock: clock, sender: webhooks),
            RunFlow(database: database, clock: clock, catalogs: catalogs, preferences: preferences),
            SendCampaign(database: database, clock: clock, catalogs: catalogs, preferences: preferences),
            ConfirmMarketingConsent(database: database, clock: clock, catalogs: catalogs, preferences: preferences),
        ]
    }
}
