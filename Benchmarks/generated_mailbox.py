"""A generated mailbox of any size, the same for the same seed: what a shop's support address gets.

    python3 Benchmarks/generated_mailbox.py --count 1000 --seed 7 --out /tmp/mailbox

writes 00000.eml, 00001.eml, … in the order they arrive, and threads.json: the thread of each. Customers write in English, Polish, Greek,
Russian and Hindi, in legacy charsets as their mail programs still send them (ISO-8859-2,
KOI8-R, windows-1251, ISO-8859-7) or UTF-8, quoted-printable or base64, with encoded-word subjects.
About 40 % are replies: the customer following up on their own question, quoting it, or answering
the shop's reply (whose Message-ID Parley knows only if it sent it); a colleague or a spouse who was
copied answering the thread from another address; a reply that arrives before the message it
answers (mail is not delivered in order). Some are HTML with a plain alternative, some carry an
attachment (a PNG or a PDF), a few come from machines (an out-of-office, a newsletter).

Used by `email_to_tickets.py` (Parley beside django-helpdesk on the same files) and by the test that
files one mailbox sequentially and concurrently and compares the conversations.
"""
import argparse
import email.policy
import json
import email.utils
import pathlib
import random
import sys
from email.header import Header
from email.message import EmailMessage
from email.mime.application import MIMEApplication
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

SHOP = "help@bench.example"
# The MIME classes build compat32 messages: what most mail programs still write.
CRLF = email.policy.compat32.clone(linesep="\r\n")

PEOPLE = {
    "en": ["Jane Cooper", "Oliver Hughes", "Amelia Brown", "Harry Wilson", "Grace Taylor", "Jack Evans"],
    "pl": ["Zofia Nowak", "Łukasz Wiśniewski", "Małgorzata Wójcik", "Paweł Kamiński", "Agnieszka Lewandowska", "Jędrzej Żak"],
    "el": ["Γιώργος Παπαδόπουλος", "Μαρία Ιωάννου", "Νίκος Γεωργίου", "Ελένη Δημητρίου", "Κώστας Νικολάου"],
    "ru": ["Иван Петров", "Ольга Смирнова", "Дмитрий Кузнецов", "Анна Попова", "Сергей Васильев"],
    "hi": ["राहुल शर्मा", "प्रिया वर्मा", "अमित कुमार", "नेहा गुप्ता", "विकास सिंह"],
}
LATIN = {
    "en": None,
    "pl": ["zofia", "lukasz", "malgorzata", "pawel", "agnieszka", "jedrzej"],
    "el": ["giorgos", "maria", "nikos", "eleni", "kostas"],
    "ru": ["ivan", "olga", "dmitry", "anna", "sergey"],
    "hi": ["rahul", "priya", "amit", "neha", "vikas"],
}
DOMAINS = {"en": "example.com", "pl": "example.pl", "el": "example.gr", "ru": "example.ru", "hi": "example.in"}
CHARSETS = {
    "en": ["us-ascii", "utf-8"],
    "pl": ["iso-8859-2", "utf-8", "windows-1250"],
    "el": ["iso-8859-7", "utf-8"],
    "ru": ["koi8-r", "windows-1251", "utf-8"],
    "hi": ["utf-8"],
}
SUBJECTS = {
    "en": ["Where is my order {n}?", "Return for order {n}", "Wrong size of the {p}", "Invoice for order {n}",
           "Can I change the delivery address?", "The {p} arrived broken"],
    "pl": ["Gdzie jest moja paczka? Zamówienie {n}", "Zwrot zamówienia {n}", "Zły rozmiar: {p}", "Faktura do zamówienia {n}",
           "Zmiana adresu dostawy", "Reklamacja: {p} przyszedł pęknięty"],
    "el": ["Πού είναι η παραγγελία μου {n};", "Επιστροφή παραγγελίας {n}", "Λάθος μέγεθος: {p}", "Τιμολόγιο παραγγελίας {n}",
           "Αλλαγή διεύθυνσης αποστολής", "Το {p} ήρθε σπασμένο"],
    "ru": ["Где мой заказ {n}?", "Возврат заказа {n}", "Не тот размер: {p}", "Счёт к заказу {n}", "Смена адреса доставки",
           "{p} пришёл разбитым"],
    "hi": ["मेरा ऑर्डर {n} कहाँ है?", "ऑर्डर {n} की वापसी", "{p} का गलत आकार", "ऑर्डर {n} का बिल", "डिलीवरी का पता बदलना है",
           "{p} टूटा हुआ आया"],
}
PRODUCTS = {
    "en": ["mug", "kettle", "teapot", "water filter", "cup set"],
    "pl": ["kubek", "czajnik", "dzbanek", "filtr do wody", "komplet filiżanek"],
    "el": ["κούπα", "βραστήρας", "τσαγιέρα", "φίλτρο νερού"],
    "ru": ["кружка", "чайник", "заварник", "фильтр для воды"],
    "hi": ["मग", "केतली", "चायदानी", "पानी का फ़िल्टर"],
}
LINES = {
    "en": ["I ordered a week ago and nothing has arrived yet.", "Could you tell me when it will be shipped?",
           "The tracking page has not changed for three days.", "I would like to return it and get a refund.",
           "Thank you for the quick answer!", "It still has not arrived, unfortunately."],
    "pl": ["Zamówiłam tydzień temu i wciąż nic nie dotarło.", "Czy mogą Państwo sprawdzić, kiedy zostanie wysłane?",
           "Strona śledzenia nie zmieniła się od trzech dni.", "Chciałbym zwrócić towar i otrzymać zwrot pieniędzy.",
           "Dziękuję za szybką odpowiedź!", "Niestety paczka nadal nie dotarła."],
    "el": ["Παρήγγειλα πριν από μία εβδομάδα και δεν έχει έρθει τίποτα.", "Μπορείτε να μου πείτε πότε θα σταλεί;",
           "Η σελίδα παρακολούθησης δεν έχει αλλάξει εδώ και τρεις μέρες.", "Θα ήθελα να το επιστρέψω.",
           "Ευχαριστώ για τη γρήγορη απάντηση!", "Δυστυχώς δεν έχει φτάσει ακόμα."],
    "ru": ["Я сделала заказ неделю назад, и ничего не пришло.", "Подскажите, пожалуйста, когда его отправят?",
           "Страница отслеживания не меняется уже три дня.", "Я хотел бы вернуть товар и получить деньги.",
           "Спасибо за быстрый ответ!", "К сожалению, посылка так и не пришла."],
    "hi": ["मैंने एक हफ़्ते पहले ऑर्डर किया था और अभी तक कुछ नहीं आया।", "क्या आप बता सकते हैं कि यह कब भेजा जाएगा?",
           "ट्रैकिंग पेज तीन दिनों से नहीं बदला है।", "मैं इसे वापस करना चाहता हूँ।", "जल्दी जवाब देने के लिए धन्यवाद!",
           "दुर्भाग्य से पार्सल अभी तक नहीं आया।"],
}
REPLY_PREFIX = {"en": ["Re: ", "RE: "], "pl": ["Re: ", "Odp: ", "RE: "], "el": ["Re: ", "ΑΠ: "], "ru": ["Re: ", "RE: "],
                "hi": ["Re: "]}
WROTE = {"en": "On {d}, {w} wrote:", "pl": "W dniu {d} {w} pisze:", "el": "Στις {d}, ο/η {w} έγραψε:",
         "ru": "{d}, {w} пишет:", "hi": "{d} को {w} ने लिखा:"}
GREETING = {"en": "Hello,", "pl": "Dzień dobry,", "el": "Καλησπέρα σας,", "ru": "Здравствуйте,", "hi": "नमस्ते,"}
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


class Person:
    def __init__(self, locale, index, rng):
        self.locale = locale
        names = PEOPLE[locale]
        self.name = names[index % len(names)]
        latin = LATIN[locale]
        local = (latin[index % len(latin)] if latin else self.name.split()[0].lower()) + f".{index}"
        self.address = f"{local}@{DOMAINS[locale]}"
        self.charset = rng.choice(CHARSETS[locale])
        self.html = rng.random() < 0.3


def text_part(text, charset, subtype="plain"):
    part = MIMEText(text, subtype, charset if charset != "us-ascii" or text.isascii() else "utf-8")
    return part


def compose(rng, number, person, subject, lines, date, message_id, in_reply_to=None, references=(), quote=None,
            attachment=False):
    body = "\n".join([GREETING[person.locale], ""] + lines + ["", person.name])
    if quote:
        body += "\n\n" + quote
    charset = person.charset
    try:
        body.encode(charset)
        subject.encode(charset)
    except UnicodeEncodeError:
        charset = "utf-8"
    plain = text_part(body, charset)
    if person.html:
        html = "<html><body>" + "".join(f"<p>{line}</p>" for line in body.split("\n\n")) + "</body></html>"
        alternative = MIMEMultipart("alternative")
        alternative.attach(plain)
        alternative.attach(text_part(html, charset, "html"))
        content = alternative
    else:
        content = plain
    if attachment:
        message = MIMEMultipart("mixed")
        message.attach(content)
        if rng.random() < 0.5:
            image = MIMEImage(PNG, "png")
            image.add_header("Content-Disposition", "attachment", filename=("utf-8", "", "zdjęcie-paczki.png"))
            message.attach(image)
        else:
            pdf = MIMEApplication(b"%PDF-1.4\n" + bytes(rng.randrange(256) for _ in range(3000)) + b"\n%%EOF\n", "pdf")
            pdf.add_header("Content-Disposition", "attachment", filename=f"invoice-{number}.pdf")
            message.attach(pdf)
    else:
        message = content
    message["From"] = email.utils.formataddr((person.name, person.address), charset=charset)
    message["To"] = SHOP
    message["Subject"] = Header(subject, charset) if not subject.isascii() else subject
    message["Date"] = email.utils.format_datetime(date)
    message["Message-ID"] = message_id
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
    if references:
        message["References"] = " ".join(references)
    return message.as_bytes(policy=CRLF)


def machine_mail(rng, kind, date, message_id, reply_to=None):
    message = EmailMessage()
    # From many senders: thirty mails within an hour from one is a mail loop, and Parley holds it.
    sender = rng.randrange(50)
    if kind == "ooo":
        message["From"] = f"Jan Kowalski <jan.kowalski.{sender}@example.pl>"
        message["Subject"] = "Automatyczna odpowiedź: nieobecność w biurze"
        message["Auto-Submitted"] = "auto-replied"
        if reply_to:
            message["In-Reply-To"] = reply_to
        message.set_content("Jestem na urlopie do poniedziałku.")
    else:
        message["From"] = f"Packaging News <news@list{sender}.packaging-news.example>"
        message["Subject"] = "Nowości w opakowaniach: grudzień"
        message["List-Unsubscribe"] = "<mailto:unsubscribe@packaging-news.example>"
        message["Precedence"] = "bulk"
        message.set_content("Nowe kartony, nowe folie. " * 20)
    message["To"] = SHOP
    message["Date"] = email.utils.format_datetime(date)
    message["Message-ID"] = message_id
    return message.as_bytes(policy=email.policy.SMTP)


def generate(count, seed):
    """The mailbox as a list of (raw message, thread number), in the order they arrive."""
    rng = random.Random(seed)
    # The email package draws MIME boundaries from the global generator.
    random.seed(seed)
    import datetime
    now = datetime.datetime(2026, 11, 2, 8, 0, tzinfo=datetime.timezone.utc)
    locales = list(PEOPLE)
    people = [Person(locales[i % len(locales)], i, rng) for i in range(max(5, count // 6))]
    threads = []  # each: dict(person, subject, ids, last_body, number)
    out = []
    held_back = []  # (deliver_at_index, raw): replies delivered after the message they answer
    for n in range(count):
        now += datetime.timedelta(minutes=rng.randint(1, 20))
        message_id = f"<mbx-{seed}-{n}@{'mail.' + rng.choice(list(DOMAINS.values()))}>"
        roll = rng.random()
        if roll < 0.02:
            raw = machine_mail(rng, "news", now, message_id)
            thread_number = -1 - n
        elif roll < 0.04 and threads:
            thread_number = rng.randrange(len(threads))
            raw = machine_mail(rng, "ooo", now, message_id, reply_to=threads[thread_number]["ids"][-1])
        elif roll < 0.44 and threads:
            thread_number = rng.randrange(len(threads))
            thread = threads[thread_number]
            owner = thread["person"]
            colleague = rng.random() < 0.2
            sender = Person(owner.locale, 1000 + n, rng) if colleague else owner
            parent = thread["ids"][-1]
            references = list(thread["ids"])
            if rng.random() < 0.3:
                # The customer answers the shop's reply, which this mailbox never saw.
                answer = f"<reply-{seed}-{n}@bench.example>"
                references.append(answer)
                parent = answer
            lines = rng.sample(LINES[owner.locale], 2)
            quote = WROTE[owner.locale].format(d=now.strftime("%Y-%m-%d %H:%M"), w=owner.name) + "\n" + "\n".join(
                "> " + line for line in thread["last_body"])
            subject = rng.choice(REPLY_PREFIX[owner.locale]) + thread["subject"]
            raw = compose(rng, thread["number"], sender, subject, lines, now, message_id, in_reply_to=parent,
                          references=references, quote=quote, attachment=rng.random() < 0.1)
            thread["ids"] = references + [message_id]
            thread["last_body"] = lines
        else:
            person = rng.choice(people)
            number = rng.randint(1000, 9999)
            subject = rng.choice(SUBJECTS[person.locale]).format(n=number, p=rng.choice(PRODUCTS[person.locale]))
            lines = rng.sample(LINES[person.locale], 3)
            raw = compose(rng, number, person, subject, lines, now, message_id, attachment=rng.random() < 0.15)
            thread_number = len(threads)
            threads.append({"person": person, "subject": subject, "ids": [message_id], "last_body": lines, "number": number})
        if rng.random() < 0.05 and n + 3 < count:
            # Delivered a few messages late, after what answers it.
            held_back.append((n + rng.randint(2, 3), (raw, thread_number)))
        else:
            out.append((raw, thread_number))
        for due in [item for item in held_back if item[0] <= n]:
            held_back.remove(due)
            out.append(due[1])
    out.extend(mail for _, mail in held_back)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    directory = pathlib.Path(args.out)
    directory.mkdir(parents=True, exist_ok=True)
    mails = generate(args.count, args.seed)
    for n, (raw, _) in enumerate(mails):
        (directory / f"{n:05d}.eml").write_bytes(raw)
    # Which thread each file belongs to (as written, whatever order it arrives in); a newsletter is
    # a thread of its own, an out-of-office belongs to the thread it answers.
    (directory / "threads.json").write_text(json.dumps([thread for _, thread in mails]))
    size = sum(len(raw) for raw, _ in mails)
    print(f"{len(mails)} messages, {size / 1e6:.1f} MB in {directory}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
