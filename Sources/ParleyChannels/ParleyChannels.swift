// ParleyChannels implements the transport ports of ParleyCore (`EmailTransport`, `SMSTransport`,
// `InboundMailSink`): one file per provider under `SMTP/`, `SMS/Providers/`, `Webhooks/`.
// The composition root in ParleyWeb wires them; services never import this module.
// The foundation has no transport yet: the first arrive with order updates and email tickets.
