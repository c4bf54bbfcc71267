# Participant views: the join page, the phone view, messages. Short sentences, plain words:
# children and people who read Swedish as a second language use these pages.
# Every language defines every message here: fi, sv, en, ar (right to left), so.

p-lang-name = svenska
p-brand = vuoro
p-lang-nav = Språk
p-join-title = Gå med i samtalet
p-join-code-label = Kod
p-join-code-hint = Sex bokstäver och siffror. Du får koden av ledaren eller ser den på skärmen.
p-join-submit = Fortsätt
p-join-unknown-code = Det finns inget öppet samtal med den här koden. Kontrollera koden eller fråga ledaren.
p-join-to = Samtal: { $title }
p-join-lang = Välj språk
p-join-anon = Du är med utan namn. Ingen ser vem som skrev vad.
p-join-show-name = Jag vill visa mitt namn
p-join-name = Namn
p-join-name-hint = Frivilligt. Namnet syns bara om du väljer ”Jag vill visa mitt namn”.
p-join-button = Gå med
p-join-name-missing = Skriv ditt namn eller ta bort krysset vid ”Jag vill visa mitt namn”.
p-join-name-long = Namnet är för långt. Högst 60 tecken.
p-stage = Fas { $n }
p-no-question = Lyssna på ledaren.
p-note-label = Dina tankar
p-note-hint = Skriv kort. Högst 1000 tecken.
p-note-send = Skicka
p-note-empty = Skriv något först.
p-note-too-long = Texten är för lång. Högst 1000 tecken.
p-note-too-fast = Du skickar väldigt snabbt. Vänta en stund och skicka sedan igen.
p-mine = Dina anteckningar
p-mine-none = Du har inte skrivit något ännu.
p-shown-as = Ditt namn syns som: { $name }
p-anonymous = Du skriver utan namn.
p-error-closed = Det här samtalet är slut. Tack!
p-error-full = Samtalet är fullt. Fråga ledaren.
p-closed = Samtalet är slut. Tack för att du var med!
p-reload = Ladda om sidan
p-fb-title = Respons
p-fb-intro = Svara anonymt. Du kan hoppa över en fråga.
p-fb-scale-hint = 1 = inte alls, 5 = helt
p-fb-heard = Jag blev hörd.
p-fb-safe = Samtalet kändes tryggt.
p-fb-mattered = Ämnet var viktigt för mig.
p-fb-open = Vad mer vill du säga?
p-fb-send = Skicka respons
p-fb-thanks = Tack för din respons!
p-fb-error-scale = Välj ett tal 1–5 eller hoppa över frågan.
p-fb-error-long = Svaret är för långt. Högst 1000 tecken.
p-fb-closed = Tiden för respons är slut.
p-hand-title = Ordet
p-hand-raise = Räck upp handen: jag vill säga något
p-hand-lower = Ta ner handen
p-hand-place = Du står i tur som nummer { $n }.
p-meeting-link = Öppna distansmötet
