import ParleyChannels
import ParleyCore
import Testing

@Suite("SMTP URL")
struct SMTPURLTests {
    @Test("smtp:// is port 25 with opportunistic STARTTLS; credentials make TLS required; options override")
    func smtp() throws {
        let plain = try SMTPTransport(url: "smtp://relay.example.com")
        #expect(
            (plain.host, plain.port, plain.tls, plain.credentials, plain.trustedCAFile) == (
                "relay.example.com", 25, .opportunistic, nil, nil
            ))

        let submission = try SMTPTransport(url: "smtp://ola:s3cret@relay.example.com:587")
        #expect((submission.port, submission.tls) == (587, .required))
        #expect(submission.credentials == SMTPCredentials(username: "ola", password: "s3cret"))

        let options = try SMTPTransport(url: "SMTP://[::1]:2525?tls=none&ca=/etc/parley/relay%20ca.pem")
        #expect((options.host, options.port, options.tls, options.trustedCAFile) == ("::1", 2525, .none, "/etc/parley/relay ca.pem"))
    }

    @Test("smtps:// is implicit TLS on port 465; the user and password are percent-decoded")
    func smtps() throws {
        let transport = try SMTPTransport(url: "smtps://shop%40kubki.example:p%40ss%3Aw%2Fo%23rd@smtp.example.com")
        #expect((transport.port, transport.tls) == (465, .implicit))
        #expect(transport.credentials == SMTPCredentials(username: "shop@kubki.example", password: "p@ss:w/o#rd"))
    }

    @Test("a bad URL is a permanent error that says what is wrong and never repeats the password")
    func badURLs() {
        let cases = [
            "smtp://ola:hunter2@relay:port": "the SMTP URL is not a URL",
            "http://ola:hunter2@relay": "the SMTP URL starts with http://",
            "smtp://ola:hunter2@:25": "the SMTP URL names no host",
            "smtp://ola:hunter2@relay:70000": "the SMTP URL's port 70000 is not between 1 and 65535",
            "smtp://ola:hunter2@relay?tls=maybe": "tls=maybe in the SMTP URL; expected none, opportunistic or required",
            "smtp://ola:hunter2@relay?tls=implicit": "tls=implicit in the SMTP URL",
            "smtps://ola:hunter2@relay?tls=none": "smtps:// always starts with TLS",
            "smtp://ola:hunter2@relay?cafile=/ca.pem": "unknown option cafile in the SMTP URL",
            "smtp://ola:hunter2@relay?ca=": "unknown option ca in the SMTP URL",
            "smtp://:hunter2@relay": "the SMTP URL has a password but no user",
            "smtp://ola@relay": "the SMTP URL names the user ola but no password",
        ]
        for (url, reason) in cases {
            let message = Self.refusal(url)
            #expect(message?.hasPrefix(reason) == true, "\(url): \(message ?? "taken")")
            #expect(message?.contains("hunter2") == false, "\(url)")
        }
    }

    /// Why `url` was refused for good, or nil if it was taken.
    static func refusal(_ url: String) -> String? {
        do {
            _ = try SMTPTransport(url: url)
            return nil
        } catch {
            guard case .permanent(let message) = error else { return "temporary: \(error)" }
            return message
        }
    }
}
