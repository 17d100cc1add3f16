import Foundation

/// The time zone a phone number's country most likely keeps, from its international calling code.
///
/// Used only when a customer has no zone of their own, for quiet hours: a Greek number is woken at
/// Athens' night, not the shop's. A country spread over several zones gets the zone most of its
/// people live in (+1 is New York's, +7 Moscow's); a code not listed gives nil, and the shop's
/// zone is used.
public enum PhoneTimeZone {
    /// The zone for `phone` in international form (`+48 601 234 567`, `0048…`), or nil.
    public static func zone(of phone: String) -> String? {
        var digits = Substring(phone.filter { $0.isASCII && $0.isNumber })
        if phone.trimmingCharacters(in: .whitespaces).hasPrefix("+") {
            // The plus is the international prefix.
        } else if digits.hasPrefix("00") {
            digits = digits.dropFirst(2)
        } else {
            return nil  // a national number says nothing of its country
        }
        // Calling codes are a prefix code (ITU-T E.164): no code begins another.
        for length in 1...3 where digits.count > length {
            if let zone = byCode[String(digits.prefix(length))] { return zone }
        }
        return nil
    }

    static let byCode: [String: String] = [
        "1": "America/New_York", "7": "Europe/Moscow", "20": "Africa/Cairo", "27": "Africa/Johannesburg",
        "30": "Europe/Athens", "31": "Europe/Amsterdam", "32": "Europe/Brussels", "33": "Europe/Paris", "34": "Europe/Madrid",
        "36": "Europe/Budapest", "39": "Europe/Rome", "40": "Europe/Bucharest", "41": "Europe/Zurich", "43": "Europe/Vienna",
        "44": "Europe/London", "45": "Europe/Copenhagen", "46": "Europe/Stockholm", "47": "Europe/Oslo", "48": "Europe/Warsaw",
        "49": "Europe/Berlin", "51": "America/Lima", "52": "America/Mexico_City", "54": "America/Argentina/Buenos_Aires",
        "55": "America/Sao_Paulo", "56": "America/Santiago", "57": "America/Bogota", "60": "Asia/Kuala_Lumpur",
        "61": "Australia/Sydney", "62": "Asia/Jakarta", "63": "Asia/Manila", "64": "Pacific/Auckland", "65": "Asia/Singapore",
        "66": "Asia/Bangkok", "81": "Asia/Tokyo", "82": "Asia/Seoul", "84": "Asia/Ho_Chi_Minh", "86": "Asia/Shanghai",
        "90": "Europe/Istanbul", "91": "Asia/Kolkata", "92": "Asia/Karachi", "94": "Asia/Colombo", "98": "Asia/Tehran",
        "212": "Africa/Casablanca", "234": "Africa/Lagos", "254": "Africa/Nairobi", "351": "Europe/Lisbon",
        "352": "Europe/Luxembourg", "353": "Europe/Dublin", "354": "Atlantic/Reykjavik", "355": "Europe/Tirane",
        "356": "Europe/Malta", "357": "Asia/Nicosia", "358": "Europe/Helsinki", "359": "Europe/Sofia", "370": "Europe/Vilnius",
        "371": "Europe/Riga", "372": "Europe/Tallinn", "373": "Europe/Chisinau", "374": "Asia/Yerevan", "375": "Europe/Minsk",
        "380": "Europe/Kyiv", "381": "Europe/Belgrade", "382": "Europe/Podgorica", "385": "Europe/Zagreb",
        "386": "Europe/Ljubljana", "387": "Europe/Sarajevo", "389": "Europe/Skopje", "420": "Europe/Prague",
        "421": "Europe/Bratislava", "880": "Asia/Dhaka", "971": "Asia/Dubai", "972": "Asia/Jerusalem", "966": "Asia/Riyadh",
        "977": "Asia/Kathmandu", "995": "Asia/Tbilisi", "994": "Asia/Baku", "998": "Asia/Tashkent",
    ]
}
