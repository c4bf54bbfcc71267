# vuoro: Swedish interface texts (Finland Swedish, public-sector register). Defines every key in fi/main.ftl.

lang-name = svenska
brand = vuoro
skip-to-content = Hoppa till innehållet
nav-main = Huvudmeny
nav-language = Språk
nav-home = Startsida
nav-methods = Metoder
nav-organisations = Organisationer
logout = Logga ut
footer-text = vuoro – dialoger i kommuner och arbetsgemenskaper. Öppen källkod (EUPL-1.2).
not-set = Inte avtalat ännu
minutes = { $minutes } min
back-to = Tillbaka: { $title }
form-required-note = Uppgifter märkta med asterisk (*) är obligatoriska.
form-has-errors = Formuläret innehåller fel. Rätta de markerade fälten.

## Errors
error-title = Något gick fel
error-home = Till startsidan
error-not-found = Sidan hittades inte, eller så har du inte rätt att se den.
error-forbidden = Du har inte rätt att göra det här.
error-login-required = Logga in först.
error-bad-request = Begäran var felaktig.
error-malformed-form = Uppgifterna i formuläret var felaktiga. Ladda om sidan och försök igen.
error-not-utf8 = Formuläret innehöll tecken som inte kunde läsas (inte UTF-8). Kontrollera texten och försök igen.
error-csrf = Formuläret var för gammalt eller skickades från en annan webbplats. Ladda om sidan och försök igen.
error-too-large = Det du skickade var för stort.
error-method = Den här åtgärden går inte att göra på den här adressen.
error-internal = Ett fel uppstod i tjänsten. Inget som redan sparats gick förlorat. Försök igen om en stund.
error-conflict = Någon annan ändrade uppgifterna samtidigt. Ladda om sidan.
error-duplicate = Det här finns redan.
error-plan-conflict = Planen ändrades medan du redigerade den. Ladda om sidan, kontrollera den senaste versionen och gör dina ändringar i den.
error-invitation-used = Inbjudningslänken har redan använts eller gått ut. Be administratören om en ny inbjudan.
error-not-a-facilitator = Den valda personen är inte facilitator i den här organisationen.
error-method-locked = Metoden kan inte längre bytas när delarna har börjat.
error-no-method = Ingen metod har valts för processen ännu.
error-own-admin = Du kan inte ta bort din egen administratörsroll.
error-required = Den här uppgiften behövs.
error-too-long = Högst { $max } tecken.
error-too-short = Minst { $min } tecken.
error-invalid = Kontrollera den här uppgiften.
error-out-of-range = Ange ett tal mellan { $min } och { $max }.

## Log-in and invitations
login-title = Logga in
login-submit = Logga in
login-failed = E-postadressen eller lösenordet var fel.
login-throttled = För många misslyckade inloggningar med den här e-postadressen. Vänta 15 minuter och försök sedan igen.
login-throttled-client = För många misslyckade inloggningar från den här nätverksadressen. Vänta { $minutes } min och försök sedan igen.
login-welcome = Ditt konto är klart. Logga in.
field-email = E-post
field-password = Lösenord
field-name = Namn
field-new-password = Nytt lösenord
field-new-password-hint = Minst { $min } tecken. En lång mening är ett bra lösenord.
field-roles = Roller
invite-title = Inbjudan till vuoro
invite-intro = Du har bjudits in till organisationen { $org }.
invite-email = Du loggar in med e-postadressen { $email }.
invite-existing = Du har redan ett konto. Godkänn inbjudan så får du roller i den här organisationen.
invite-accept = Godkänn inbjudan
invite-staff = Bjud in personal
invite-staff-intro = Bjud in en person med e-postadress och välj roller. Du får en inbjudningslänk som du ger till personen.
invite-send = Skapa inbjudan
invite-created = Inbjudan har skapats. Ge den här länken till den du bjuder in. Länken visas bara nu.
invite-created-care = Med länken kan man skapa ett konto eller lägga till roller, så ge den bara till den inbjudna själv, öppna den inte själv och dela den inte med andra. Ett konto som skapats med länken har en obekräftad adress: andra organisationer kan ge det roller först när en huvudadministratör har bekräftat adressen.
invite-refused-unconfirmed = Adressen { $email } har ett konto som skapats med en annan organisations inbjudningslänk, och adressen är inte bekräftad. Administratören som såg länken kan ha valt kontots lösenord, så det kan inte få roller från den här organisationen. Be tjänstens huvudadministratör att försäkra sig hos personen själv om att kontot är hens och att bekräfta adressen.
invite-login-first = Det finns redan ett konto med den här e-postadressen. Logga in med det för att ta emot inbjudan.
invite-login-link = Logga in och ta emot inbjudan
invite-wrong-account = Du är inloggad som { $current }, men inbjudan gäller en annan adress. Logga ut och logga in med den inbjudna adressen.
invite-unconfirmed = Inbjudan kan inte tas emot: kontot för den här adressen har skapats med en annan organisations inbjudningslänk, och adressen är inte bekräftad. Be tjänstens huvudadministratör att bekräfta adressen.
invite-sso = Ta emot inbjudan genom att logga in med organisationens konto
invite-sso-hint = Du loggar in i din organisations inloggningstjänst. Om tjänsten uppger samma bekräftade e-postadress som inbjudan skickades till, skapas ditt konto och inbjudan tas emot.
invite-password-title = Eller skapa ett konto med lösenord
invite-password-off = Den här organisationen använder inte inloggning med lösenord. Ta emot inbjudan genom att logga in med organisationens konto.
member-unconfirmed = Adressen för { $name } är inte bekräftad: kontot skapades med en inbjudningslänk.
member-confirm = Bekräfta adressen för { $name }
member-confirm-hint = Bekräfta bara när du hos personen själv har försäkrat dig om att hen använder kontot. Därefter kan också andra organisationer bjuda in hen.
role-changes-title = Rolländringar
role-changes-none = Inga roller har ändrats ännu.
role-change-line = { $at }: { $user }, { $before } → { $after } ({ $via }; ändrad av { $actor })
role-changes-no-roles = inga roller
role-changes-self-grant = huvudadministratören gav sig själv rollen
role-via-invitation = inbjudan togs emot
role-via-members = rolländring
role-via-new_organisation = organisationen skapades
invitations-title = Inbjudningar
invitation-pending = Väntar
invitation-accepted = Godkänd
invitation-expired = Utgången

## Accounts by e-mail: invitations, password resets, confirming an address
login-forgot = Glömt lösenordet?
login-password-set = Ditt lösenord har bytts och alla inloggningar med kontot har avslutats. Logga in med det nya lösenordet.
login-welcome-confirm = Ditt konto är klart. En länk för att bekräfta din adress har skickats till din e-post; därefter kan också andra organisationer ge dig roller. Logga in.
password-forgot-title = Glömt lösenord
password-forgot-intro = Skriv ditt kontos e-postadress. Vi skickar en länk dit där du väljer ett nytt lösenord. Länken fungerar en timme och bara en gång.
password-forgot-submit = Skicka länken
password-forgot-sent = Om adressen har ett konto är en länk för att byta lösenord på väg dit. Titta vid behov också i skräppostmappen. Länken fungerar en timme.
password-forgot-throttled = Länken har begärts för många gånger. Vänta { $minutes } min och försök sedan igen.
password-back-to-login = Tillbaka till inloggningen
password-reset-title = Byt lösenord
password-reset-intro = Välj ett nytt lösenord för kontot { $email }.
password-reset-submit = Byt lösenord
password-set-ends-logins = Samtidigt avslutas alla inloggningar med kontot: därefter använder bara den som känner till det nya lösenordet kontot.
password-link-gone = Länken har gått ut eller redan använts. Varje länk fungerar bara en gång och en begränsad tid.
password-link-gone-again = Begär en ny länk
address-confirm-title = Bekräfta din e-postadress
address-confirm-intro = Bekräfta att adressen { $email } är din genom att välja ett lösenord för ditt konto. Du kan välja samma lösenord som förut. När adressen är bekräftad kan också andra organisationer ge dig roller.
address-confirm-submit = Bekräfta adressen
invite-staff-intro-mail = Bjud in en person med e-postadress och välj roller. Inbjudningslänken skickas per e-post bara till personen.
invite-send-mail = Skicka inbjudan
invite-mailed = Inbjudan skickades per e-post till { $email }. Länken går bara till personen, och adressen för ett konto som skapas med inbjudan är samtidigt bekräftad.
invitations-mail = E-post
invitation-mail-waiting = På väg
invitation-mail-failing = Har inte kunnat skickas ännu; försöker igen
invitation-mail-refused = Adressen tar inte emot e-post; kontrollera adressen och bjud in på nytt
invitation-mail-sent = Skickad
invitation-mail-none = Länken gavs för hand

## Roles
role-admin = Administratör
role-coordinator = Koordinator
role-orderer = Beställare
role-facilitator = Facilitator

## Front page
home-title = Min startsida
home-no-roles = Du har ännu inga roller i någon organisation. Be en administratör om en inbjudan.
home-sign-on-required = Den här organisationen har stängt av inloggning med lösenord. Logga in med organisationens konto för att se dess processer.
home-your-roles = Dina roller:
home-order = Beställ en dialog
home-queue = Beställningskö
home-all-processes = Alla processer
home-manage = Administrera organisationen
home-facilitating = Processer där du är facilitator
home-ordered = Processer som du har beställt
home-continue = Fortsätt: { $title }

## Organisations
orgs-none = Det finns inga organisationer ännu.
org-create = Skapa organisation
org-name = Organisationens namn
units-title = Enheter
units-none = Det finns inga enheter ännu.
unit-name = Enhetens namn
unit-create = Lägg till enhet
members-title = Personal och roller
roles-save = Spara roller: { $name }

## Methods
methods-intro = Metodbibliotek. Facilitatorn kan anpassa metodens frågor och längd för varje process.
method-phases = { $count ->
    [one] { $count } del
   *[other] { $count } delar
}
method-total-minutes = Sammanlagd längd cirka { $minutes } min.
method-ground-rules = Spelregler
method-version = Version { $version }
method-group-size = Gruppstorlek { $range } personer
method-not-chosen = Metoden väljs när planen avtalas
method-adapted-from = Anpassad från metoden { $name } (version { $version })
group-format-circle = hela ringen
group-format-pairs = par
group-format-tables = bordsgrupper
group-format-open_space = open space
group-format-solo = enskilt
session-role-facilitator = facilitator
session-role-note_taker = protokollförare
session-role-table_host = bordsvärd

## Formats, participants, languages
format-face_to_face = På plats
format-online = På distans
format-hybrid = Hybrid
kind-staff = Personal
kind-residents = Invånare
kind-pupils = Elever
kind-parents = Föräldrar
kind-clients = Klienter
kind-other = Övriga
plang-fi = finska
plang-sv = svenska
plang-en = engelska
plang-ar = arabiska
plang-so = somaliska
plang-other = annat språk

## Order
order-title = Beställ en dialogprocess
order-intro = Berätta för vem dialogen är och varför. Koordinatorn utser en facilitator för processen, och ni kommer tillsammans överens om hur dialogen genomförs.
order-community = Arbetsgemenskap eller grupp
order-community-hint = Till exempel ”Hemvårdens team 3” eller ”Skolans årskurs 8”.
order-unit = Enhet
order-unit-none = Ingen enhet
order-reason = Varför nu?
order-reason-hint = Vilken situation eller förändring gör dialogen aktuell?
order-outcome = Vad hoppas ni att dialogen ska ge?
order-outcome-hint = Till exempel en gemensam förståelse, goda rutiner eller saker att utveckla.
order-timing = Tidtabell
order-timing-hint = En ungefärlig önskan, till exempel ”februari–mars”.
order-participant-count = Antal deltagare
order-participant-count-hint = En uppskattning räcker.
order-participant-kinds = Vilka är deltagarna?
order-languages = Deltagarnas språk
order-format = Genomförande
order-method = Metod
order-method-hint = Om du inte vet, välj ”Ge mig råd”: facilitatorn föreslår en lämplig metod.
order-needs-outsider = Utomstående facilitator
order-needs-outsider-yes = Gemenskapen behöver en facilitator utanför den egna organisationen
order-needs-outsider-hint = Till exempel en ledningsgrupp, en styrelse eller en gemenskap i kris där varje kollega är part. Då föreslås en facilitator från en partnerorganisation.
order-method-advise = Ge mig råd
order-submit = Skicka beställningen

## Process lists
list-title = Organisationens processer
list-queue-title = Beställningskö: väntar på facilitator
list-count = { $count ->
    [0] Inga processer.
    [one] { $count } process.
   *[other] { $count } processer.
}
filter-title = Filtrera processer
filter-any = Alla
filter-from = Sammankomster från
filter-to = Sammankomster till
filter-apply = Filtrera
filter-error = Filtret innehöll ett ogiltigt värde.
col-process = Process
col-state = Status
col-unit = Enhet
col-method = Metod
col-facilitator = Facilitator
col-sessions = Sammankomster
facilitator-none = Inte utsedd ännu
sessions-none = Inga sammankomster ännu

## States and transitions
state-ordered = Beställd
state-agreed = Avtalad
state-phase1 = Del 1
state-phase2 = Del 2
state-summary = Sammanfattning
state-closed = Avslutad
state-cancelled = Inställd
transition-agree = Bekräfta avtalet
transition-start_phase1 = Starta del 1
transition-start_phase2 = Starta del 2
transition-start_summary = Gå till sammanfattningen
transition-close = Avsluta processen
transition-cancel = Ställ in processen
transition-error-not-from = Den här ändringen går inte att göra när processen har sin nuvarande status.
transition-error-no-facilitator = Processen har ingen facilitator ännu.
transition-error-no-method = Planen saknar metod.
transition-error-no-session = Planen har inga sammankomster.
transition-error-not-approved = Både beställaren och facilitatorn måste godkänna den nuvarande versionen av planen.
transition-error-single-phase = Metoden har bara en del. Gå direkt till sammanfattningen.
next-assign-facilitator = Koordinatorn utser en facilitator för processen.
next-agree-plan = Beställaren, facilitatorn och deltagarnas representanter kommer överens om planen. När planen är klar godkänner beställaren och facilitatorn den.
next-confirm-agreement = Planen är godkänd. Facilitatorn bekräftar avtalet.
next-run-phase1 = Facilitatorn leder sammankomsterna i den första delen och för processen vidare.
next-run-phase2 = Facilitatorn leder sammankomsterna i den andra delen och för processen vidare till sammanfattningen.
next-write-summary = Beställaren sammanfattar det som kom fram och avslutar processen.
next-nothing = Processen är avslutad.

## Part 6: what next follows the real state; asking before closing or cancelling; reopening; advice
transition-reopen = Öppna processen igen
transition-error-cancelled-from-unknown = Processens historik visar inte vilken status den ställdes in från, så den kan inte öppnas igen.
next-start-phase1 = Planen är avtalad. Facilitatorn startar den första delen.
next-run-session = En sammankomst pågår. Facilitatorn leder den på sammankomstens egen sida.
next-open-session = Delen har sammankomster som inte har hållits ännu. Facilitatorn öppnar nästa när deltagarna är på plats.
next-plan-session = Planen har inga sammankomster för den här delen. Lägg till en sammankomst i planen.
next-curate-themes = Den första delens sammankomster har hållits. Facilitatorn sammanställer teman ur anteckningarna för den andra delen och startar sedan den andra delen.
next-start-summary = Sammankomsterna har hållits. Facilitatorn för processen vidare till sammanfattningen.
next-cancelled = Processen är inställd. Om den ställdes in av misstag kan koordinatorn öppna den igen.
next-action-plan = Komplettera planen
next-action-run = Fortsätt sammankomsten: { $title }
next-action-plan-session = Lägg till en sammankomst i planen
next-action-themes = Sammanställ den första delens teman
next-action-summary = Skriv sammanfattningen
process-cancel-reason = Orsak till att processen ställdes in: { $reason }
event-state-reason = { $actor } ändrade processens status till: { $state }. Orsak: { $reason }
event-advice = { $actor } svarade på beställarens begäran om råd om metoden.
confirm-keep = Nej, tillbaka till processen
confirm-cancel-title = Ska processen ställas in?
confirm-cancel-intro = En inställd process går inte vidare och dess plan kan inte längre redigeras. En öppen sammankomst avslutas. Om processen ställs in av misstag kan koordinatorn öppna den igen.
confirm-cancel-reason = Varför ställs processen in?
confirm-cancel-reason-hint = Orsaken visas på processens sida och i dess historik.
confirm-cancel-yes = Ja, ställ in processen
confirm-close-title = Ska processen avslutas?
confirm-close-intro = En avslutad process kan inte flyttas eller öppnas igen. Uppföljningen av praxis fortsätter även efter avslutningen.
confirm-close-yes = Ja, avsluta processen
advice-title = Beställaren bad om råd om valet av metod
advice-waiting = Inga råd har getts ännu.
advice-suggested = Föreslagen metod: { $method }
advice-by = { $name }, { $when }
advice-method = Metod att föreslå
advice-method-none = Ingen särskild metod
advice-text = Råd till beställaren
advice-text-hint = Berätta vilken metod som skulle passa och varför, eller vad som ännu bör utredas. Beställaren ser svaret på processens sida.
advice-submit = Skicka rådet till beställaren
error-no-advice-asked = Beställaren bad inte om råd om metoden i den här beställningen.
home-queue-waiting = { $count ->
    [0] inga väntande beställningar
    [one] 1 beställning väntar
   *[other] { $count } beställningar väntar
}
home-queue-advice = { $count ->
    [one] 1 ber om råd
   *[other] { $count } ber om råd
}
plan-save-all = Spara planen
plan-saved-draft-kept = Planen är sparad. Sammankomsten du skrev har inte lagts till ännu: den väntar nedan, lägg till den med knappen ”Lägg till sammankomst”.
plan-overrun = I sammankomsten { $title } tar stegen i del { $phase } sammanlagt { $stages } minuter, men sammankomsten varar { $session } minuter. Korta stegen eller förläng sammankomsten.
session-delete-confirm = Ska sammankomsten { $title } tas bort ur planen? Det du har skrivit i övrigt finns kvar nedan. Om du inte vill ta bort den, fortsätt redigera.
session-delete-yes = Ja, ta bort sammankomsten { $title }

## Process page
process-steps = Processens gång
process-next = Vad händer härnäst
process-people = Personer
process-orderer = Beställare
process-order = Beställning
process-created = Beställd
process-history = Händelser
assign-label = Facilitator
assign-submit = Utse facilitator
approve-plan = Godkänn planen (version { $version })
approved-by-orderer = Beställaren { $name } godkände den här versionen { $when }.
approved-by-facilitator = Facilitatorn { $name } godkände den här versionen { $when }.
agree-checklist = Innan överenskommelsen bekräftas
agree-check-facilitator = En facilitator har utsetts och tagit emot beställningen
agree-check-method = En metod har valts
agree-check-session = Planen har minst en sammankomst
agree-check-orderer = Beställaren har godkänt planens nuvarande version
agree-check-facilitator-approved = Facilitatorn har godkänt planens nuvarande version
check-done = klart
check-missing = saknas
event-ordered = { $actor } beställde processen.
event-assigned = { $actor } utsåg { $facilitator } till facilitator.
event-plan-saved = { $actor } sparade version { $version } av planen.
event-approved-orderer = { $actor } godkände version { $version } av planen som beställare.
event-approved-facilitator = { $actor } godkände version { $version } av planen som facilitator.
event-state = { $actor } ändrade processens status till: { $state }.

## Plan
plan-title-version = Plan, version { $version }
plan-edit = Redigera planen
plan-edit-intro = Varje gång du sparar blir planen en ny version. Ett godkännande gäller bara den version som godkändes.
plan-adapt = Anpassa metodens frågor och längd
plan-history = Planens versioner
plan-fields = Deltagare, anteckningar och sammanfattning
plan-invited = Vilka bjuds in
plan-invited-hint = Vilka deltar och hur de bjuds in.
plan-representatives = Deltagarnas representanter
plan-representatives-hint = Vilka representanter för deltagarna var med och kom överens om planen.
plan-note-taking = Hur antecknar ni
plan-note-taking-hint = Till exempel en protokollförare, deltagarnas egna anteckningar eller inga anteckningar. Anteckningarna innehåller inga namn.
plan-summary-use = Vad händer med sammanfattningen
plan-summary-use-hint = Vem gör sammanfattningen, vad den används till och hur deltagarna får veta resultaten.
plan-summary-visibility = Vem får se sammanfattningen
visibility-participants = Deltagarna och de som leder processen
visibility-organisation = Hela organisationen
visibility-public = Offentlig
plan-method = Metod
plan-method-hint = Processen får en egen kopia av metoden, och den kan anpassas. Om du byter metod ersätts tidigare anpassningar.
plan-method-choose = Välj metod
plan-save = Spara
plan-sessions = Sammankomster
phase-n = Del { $n }
session-title = Sammankomstens namn
session-phase = Del
session-date = Datum
session-start = Börjar
session-end = Slutar
session-format = Genomförande
session-place = Plats
session-place-hint = Behövs när ni träffas på plats.
session-link = Länk till distansmötet
session-link-hint = Behövs för sammankomster på distans och hybridsammankomster. Börjar med https://
session-link-open = Öppna möteslänken
session-when = Tid
session-where = Plats
session-calendar = Kalender
session-ics = Kalenderfil: { $title }
session-add = Lägg till sammankomst
session-delete = Ta bort sammankomsten { $title }
adapt-intro = Ändra stegens längd och frågor för den här processen. En fråga per rad. Den ursprungliga metoden ändras inte.
adapt-duration_min = Längd (min)
adapt-prompts = Frågor
adapt-prompts-hint = En fråga per rad.
version = Version
version-author = Sparad av
version-time = Tid
version-current = aktuell

## Live sessions
live-title = Sammankomsten pågår
live-title-closed = Sammankomsten har avslutats
live-open-session = Öppna sammankomsten: { $title }
live-runs = Öppnade sammankomster
live-run-open = öppen
live-run-closed = avslutad
live-run-link = { $title } ({ $when })
live-code = Anslutningskod
live-join-at = Deltagarna ansluter med telefonen på adressen
live-projector = Öppna projektorvyn (nytt fönster)
live-exports = Ladda ner anteckningarna
live-exports-hint = Filerna innehåller anteckningarna från processens alla sessioner, utan någons namn.
live-export-csv = Ladda ner anteckningarna (CSV)
live-export-json = Ladda ner anteckningarna (JSON)
live-projector-title = Projektorvy
live-qr-label = QR-kod till adressen { $url }
live-participants = { $count ->
    [one] { $count } deltagare
   *[other] { $count } deltagare
}
live-active = { $count ->
    [one] { $count } telefon aktiv (senaste 5 min)
   *[other] { $count } telefoner aktiva (senaste 5 min)
}
live-joining-locked = Anslutningen är stängd: nya telefoner kommer inte in, de som redan är med fortsätter.
live-lock-joining = Stäng anslutningen
live-open-joining = Öppna anslutningen
live-remove-open = Ta bort en telefon…
live-remove-number = Telefonens nummer i sammankomsten
live-remove-number-hint = Numret syns i turordningen och vid kaféets bord.
live-remove-note = Ta bort telefonen som skrev detta…
live-remove-title = Ta bort telefonen från sammankomsten?
live-remove-which = Telefon nummer { $n }
live-remove-wrote = Telefonen som skrev:
live-remove-explain = Telefonen kommer inte längre in i sammankomsten och kan inte skriva i den. Dess anteckningar finns kvar. Vem som använde den framgår inte.
live-remove-confirm = Ta bort telefonen
live-remove-cancel = Avbryt
live-remove-unknown = Det finns ingen telefon med det numret i sammankomsten.
live-stage = Steg { $n }/{ $count }
live-question = Fråga { $n }/{ $count }
live-no-question = Det finns ingen fråga i det här steget.
live-timer = Tid kvar
live-start = Starta timern
live-pause = Pausa timern
live-extend = Lägg till 5 minuter
live-next = Nästa
live-previous = Föregående
live-close = Avsluta sammankomsten
live-controls = Styrning av sammankomsten
live-ground-rules = Spelregler
live-board = Anteckningar
live-board-empty = Inga anteckningar ännu.
live-closed = Sammankomsten är avslutad. Anslutningskoden fungerar inte längre.
error-live-closed = Sammankomsten har redan avslutats.
error-feedback-final = Responsformuläret kan inte öppnas igen: stängningen är slutgiltig.
note-star = Stjärnmärk
note-unstar = Ta bort stjärnan
note-hide = Dölj
note-show = Visa
note-edit = Rätta
note-hidden-mark = Dold från tavlan och projektorn
note-starred-mark = Stjärnmärkt
note-edit-title = Rätta anteckningen
note-edit-label = Anteckningens text
note-edit-hint = Rätta skrivfel. Den ursprungliga texten sparas i historiken.
note-edit-save = Spara rättelsen
note-edit-back = Tillbaka till sammankomsten
note-history-title = Ändringshistorik
note-history-none = Anteckningen har inte ändrats.
note-history-hide = { $who } dolde anteckningen { $when }.
note-history-show = { $who } visade anteckningen igen { $when }.
note-history-star = { $who } stjärnmärkte anteckningen { $when }.
note-history-unstar = { $who } tog bort stjärnan { $when }.
note-history-edit = { $who } rättade texten { $when }: ”{ $old }” → ”{ $new }”.
live-feedback-open = Öppna responsformuläret
live-feedback-close = Stäng responsformuläret
live-feedback-close-warning = Stängningen är slutgiltig: formuläret kan inte öppnas igen och inga fler svar tas emot. Resultaten visas om minst fem har svarat.
live-feedback-close-confirm = Stäng responsformuläret slutgiltigt
live-feedback-is-open = Responsformuläret är öppet i telefonerna. Svar hittills: { $count }.
live-feedback-results = Responsens resultat ({ $count } svar)
live-run-feedback = Respons
fb-results-title = Respons på sammankomsten
fb-responses = { $count ->
    [0] Inga svar.
    [one] { $count } svar.
   *[other] { $count } svar.
}
fb-not-yet = Resultaten visas när responsformuläret har stängts.
fb-too-few = { $count ->
    [0] Ingen svarade. Resultaten visas först från fem svar.
    [one] Bara en person svarade. Resultaten visas först från fem svar, så att ingens svar kan kännas igen.
   *[other] { $count } personer svarade. Resultaten visas först från fem svar, så att ingens svar kan kännas igen.
}
fb-average = Medelvärde { $avg } / 5
fb-answered = { $count } svarade
fb-no-answers = Inga svar.
fb-value = Värde
fb-count = Svar
fb-bar = { $count } svar · { $percent } %
number-1 = { NUMBER($n, minimumFractionDigits: 1, maximumFractionDigits: 1) }
plan-feedback-scale = Påståenden för respons (skala 1–5)
plan-feedback-scale-hint = Ett påstående per rad. Om du lämnar detta och den öppna frågan tomma används standardfrågorna: ”Jag blev hörd”, ”Samtalet kändes tryggt”, ”Ämnet var viktigt för mig” och en öppen fråga.
plan-feedback-open = Öppen fråga för respons
plan-feedback-open-hint = Till exempel ”Vad mer vill du säga?”
scribe-open = Protokollförarvy: anteckna samtalet från tangentbordet
scribe-title = Protokollförarvy
scribe-back = Tillbaka till sammankomsten
scribe-intro = Skriv en anteckning i taget och tryck Enter. Anteckningarna går till tavlan utan namn.
scribe-note = Anteckning
scribe-note-hint = Enter sparar och tömmer fältet för nästa.
scribe-question = Fråga
scribe-question-hint = Alt+1…9 väljer frågan från tangentbordet.
scribe-lang = Språket som anteckningen är skriven på
scribe-save = Spara anteckningen
scribe-saved = Sparad. Skriv nästa.
scribe-recent = Senast antecknat
live-meeting = Distansmöte:
live-hands = Turordning för ordet
live-hands-none = Ingen har begärt ordet.
live-participant-n = Deltagare { $n }
live-give-turn = Ge ordet
cafe-title = Learning café
cafe-intro = Dela in deltagarna vid bord. Varje bord har en egen fråga och, om du vill, en bordsvärd. Deltagarna byter bord varje runda så att de träffar så många olika personer som möjligt.
cafe-questions = Bordens frågor
cafe-questions-hint = En fråga per rad; varje rad är ett bord (högst 26).
cafe-rounds = Rundor
cafe-setup = Skapa borden
cafe-not-started = Rundorna har inte börjat. Välj bordsvärdar och starta den första rundan.
cafe-round-now = Runda { $n }/{ $count }
cafe-repeats = Upprepade möten: { $repeats }.
cafe-random = En slumpmässig indelning skulle ge i genomsnitt { $random }.
cafe-pairs = Olika par som har träffats: { $pairs }.
cafe-table = Bord { $table }
cafe-host = Bordsvärd
cafe-host-none = Ingen värd
cafe-hosts-save = Spara bordsvärdarna
cafe-seated = Den här rundan:
cafe-next = Starta runda { $n }
cafe-finished = Alla rundor har spelats.
error-no-cafe = Den här sammankomsten har inget learning café.
error-cafe-finished = Alla rundor har redan spelats.
error-cafe-too-few = Det finns fler bord än deltagare. Vänta tills fler har anslutit sig.
live-share-previous = Visa den förra sammankomstens respons för deltagarna
live-unshare-previous = Dölj den förra sammankomstens respons
note-merged-mark = Sammanslagen med en annan anteckning
note-duplicates = { $count ->
    [one] { $count } likadan anteckning har slagits samman med den här
   *[other] { $count } likadana anteckningar har slagits samman med den här
}
note-merge-title = Slå samman en dubblett
note-merge-label = Slå samman den här anteckningen med
note-merge-hint = Den här anteckningen döljs och räknas som en dubblett av den valda. Texten sparas i historiken.
note-merge-submit = Slå samman
note-history-merge = { $who } slog samman anteckningen med en annan { $when }.
note-table-mark = Bord { $table }
note-move-title = Flytta till ett annat bord
note-move-label = Bord
note-move-submit = Flytta
note-history-move = { $who } flyttade anteckningen till ett annat bord eller en annan grupp { $when }.
fb-per-phase = Respons per del
fb-statement = Påstående
fb-average-col = Medelvärde (1–5)
fb-phase-withheld = { $count ->
    [one] Ett svar från sammankomster med färre än fem svarande räknas inte med.
   *[other] { $count } svar från sammankomster med färre än fem svarande räknas inte med.
}
os-title = Open space
os-intro = Deltagarna föreslår själva ämnen och väljer vilken grupp de går till. Skriv först tiderna och platserna; ämnestorget öppnas genast i deltagarnas telefoner.
os-slots = Tider
os-slots-hint = En tid per rad, till exempel 10.00–10.45 (högst 8).
os-spaces = Platser
os-spaces-hint = En plats per rad, till exempel Sal A. På nätet skriver du grupprummets länk efter namnet (högst 20).
os-setup = Öppna ämnestorget
os-save = Spara tider och platser
os-edit = Redigera tider och platser
os-marketplace-is-open = Ämnestorget är öppet: deltagarna kan föreslå ämnen.
os-marketplace-is-closed = Ämnestorget är stängt.
os-marketplace-open = Öppna ämnestorget
os-marketplace-close = Stäng ämnestorget
os-running = Grupperna samlas nu: { $slot }
os-slot = Tid
os-run = Starta grupperna
os-end = Avsluta grupparbetet
os-schedule = Schema
os-time = Tid
os-now = nu
os-free = ledig
os-picks = { $count ->
    [one] { $count } går dit
   *[other] { $count } går dit
}
os-topics = { $count ->
    [one] { $count } ämne
   *[other] { $count } ämnen
}
os-no-topics = Inga ämnen har föreslagits ännu.
os-hidden-mark = dold
os-place = Tid och plats
os-unplaced = Inte i schemat
os-place-save = Placera
os-topic-hide = Dölj
os-topic-show = Visa
os-add-topic = Lägg till ett ämne
os-add-topic-hint = Till exempel ett ämne som någon sade högt.
os-add-topic-button = Lägg till ämnet
os-topics-full = Sessionen har redan så många ämnen som ryms.
os-cell-taken = Ett annat ämne placerades nyss på den tiden och platsen. Välj en annan.
# The runner's set-up view, ending a café and the group work, asking before ending a session
live-setup-open = Förbered learning café eller open space
live-setup-title = Förbered grupparbetet
live-setup-back = Tillbaka till styrningen av sammankomsten
live-joining = Anslutning
live-close-ask = Avsluta sammankomsten…
live-close-warning = Det går inte att ångra: anslutningskoden slutar fungera och telefonerna kan inte längre skriva. Anteckningarna finns kvar.
cafe-end = Avsluta learning café
cafe-ended = Learning café är slut. Telefonerna visar inte längre borden, och nya anteckningar svarar på fasens fråga.
cafe-hosted-by = värd: deltagare { $n }
cafe-hosts-edit = Bord och värdar
os-ended = Grupparbetet är slut.
os-end-slot = Avsluta gruppernas tid
os-topics-edit = Ämnen och schema
error-no-open-space = Den här sessionen har inget open space.
note-topic-mark = Ämne: { $topic }
note-move-topic-title = Flytta till en annan grupp
note-move-topic-label = Ämne
note-move-topic-none = Ingen grupp
event-themes-proposed = { $actor } lät ta fram ett temaförslag (version { $version }).
event-themes-curated = { $actor } redigerade temana (version { $version }).
event-practice-saved = { $actor } antecknade en praxis.
event-practice-status = { $actor } uppdaterade praxisens status till: { $status }.
practice-status-agreed = överenskommen
practice-status-in_progress = pågår
practice-status-done = klar
practice-status-dropped = slopad
os-default-slot = Omgång 1
os-default-space = Plats { $n }
themes-title = Teman
themes-scopes = Från vilka anteckningar
themes-scope-process = Hela processen
themes-scope-phase = Del { $n }
themes-scope-session = Session { $when }
themes-notes = { $count ->
    [one] { $count } anteckning
   *[other] { $count } anteckningar
}
themes-notes-in-scope = { $count ->
    [one] Här finns { $count } anteckning.
   *[other] Här finns { $count } anteckningar.
}
themes-version = version { $version }
themes-curated = redigerad
themes-proposed = maskinens förslag
themes-none = Det finns inga teman ännu. Temaförslaget grupperar anteckningarna efter deras egna ord; sedan kan du namnge, slå ihop och dela teman.
themes-propose = Föreslå teman
themes-propose-again = Föreslå teman på nytt
themes-no-notes = Här finns ännu inga anteckningar att föreslå teman utifrån.
themes-confirm-title = Ersätta de redigerade temana?
themes-confirm-text = Du har redigerat de här temana. Ett nytt förslag ersätter dem; de nuvarande temana sparas som en tidigare version.
themes-confirm-yes = Ja, gör ett nytt förslag
themes-confirm-no = Avbryt
themes-add-new = { $count ->
    [one] Ta med { $count } ny anteckning
   *[other] Ta med { $count } nya anteckningar
}
themes-representative = De mest belysande anteckningarna
themes-all-notes = Alla anteckningar i temat
themes-label = Temats namn
themes-rename = Byt namn
themes-merge-into = Slå ihop med temat
themes-merge = Slå ihop
themes-remove = Ta bort temat
themes-split-label = Det nya temats namn
themes-split = Bryt ut de valda
themes-split-hint = Välj nedan de anteckningar som flyttar till det nya temat.
themes-move-to = Flytta till temat
themes-move = Flytta
themes-unsorted = { $count ->
    [one] { $count } osorterad anteckning
   *[other] { $count } osorterade anteckningar
}
themes-unsorted-hint = De här passade inte in i något tema. Flytta dem till ett tema eller lämna dem här.
themes-unsorted-option = Till de osorterade
themes-unplaced-lang = Språk: { $lang } ({ $count ->
    [one] { $count } anteckning
   *[other] { $count } anteckningar
})
themes-unplaced-too-few = För få anteckningar skrevs på det här språket för egna teman. Läs dem och flytta var och en till det tema den hör till.
themes-error-label = Ge temat ett namn (högst 200 tecken).
themes-error-no-note = Välj först anteckningarna.
themes-error-too-many = Det finns redan högsta antalet teman.
themes-error-theme = Välj ett annat tema.
themes-error-stale = Någon annan redigerade temana samtidigt. Här är den senaste versionen; gör din ändring på nytt.
themes-error-choose = Välj minst ett tema.
themes-error-cafe-exists = Sessionen har redan ett learning café.
themes-old-version = Det här är version { $version } av temana.
themes-latest = Visa den senaste versionen
themes-to-session = Från teman till arbetet i del 2
themes-to-session-hint = De valda temana blir på en gång bord i ett learning café eller ämnen i ett open space i en öppen session.
themes-choose = Teman
themes-session = Session
themes-session-option = Del { $phase }, session { $session }
themes-as = Form
themes-as-cafe = Bord i ett learning café
themes-as-open-space = Ämnen i ett open space
themes-to-session-submit = För till sessionen
themes-open = Teman: vad anteckningarna handlar om
themes-save = Spara ändringarna
themes-list = Teman på den här sidan
themes-choose-hint = Välj anteckningar med kryssrutorna och flytta dem på en gång: med temats egen knapp eller med flyttlisten längst ner på sidan.
themes-move-here = Flytta de valda till det här temat
themes-move-chosen-title = Valda anteckningar
themes-new-option = Nytt tema…
themes-new-hint = När du flyttar till ett nytt tema, ge det ett namn.
themes-remove-title = Ta bort temat ”{ $label }”?
themes-remove-text = { $count ->
    [one] Temats { $count } anteckning flyttas till de osorterade; ingenting raderas.
   *[other] Temats { $count } anteckningar flyttas till de osorterade; ingenting raderas.
}
themes-remove-yes = Ja, ta bort temat
themes-remove-no = Ta inte bort
themes-to-session-none = Planen har ännu ingen sammankomst i del 2.
themes-to-session-plan = Lägg till en session i planen
themes-session-open = { $title } (pågår)
themes-session-planned = { $title } (öppnas nu)
themes-choose-count = { $count ->
    [one] { $count } tema kommer med: välj
   *[other] Alla { $count } teman kommer med: välj
}
themes-phase2-later = Arbetet i del 2 börjar när del 1 är avslutad. Del 2 startas på processens sida; därefter förs temana till en sammankomst härifrån.
practices-title = Praxis
practices-open = Praxis och uppföljning
practices-intro = Vad arbetsgemenskapen kom överens om: vad vi behåller och stärker, vad vi utvecklar, vem som driver saken vidare och till när. Uppdatera statusen när saken går framåt.
practices-none = Ingen praxis ännu.
practice-kind = Slag
practice-kind-keep = Vi behåller och stärker
practice-kind-develop = Vi utvecklar
practice-title = Praxis
practice-owner = Vem driver saken vidare
practice-owner-hint = En roll eller ett namn, till exempel teamansvarig.
practice-due = Till när
practice-group-mark = Grupp: { $group }
practice-owner-mark = Driver vidare: { $owner }
practice-no-owner = Ingen ansvarig utsedd
practice-due-mark = senast { $due }
practice-overdue = försenad
practice-status = Status
practice-status-save = Uppdatera
practice-edit = Rätta praxisen
practice-save = Spara
practice-add = Lägg till praxis
practice-add-submit = Lägg till
summary-open = Sammanfattning
summary-title = Sammanfattning
summary-none = Ingen sammanfattning har gjorts ännu. Utkastet sammanställs av temana, deras mest belysande anteckningar, praxis och respons; sedan kan du redigera det fritt.
summary-draft = Gör ett utkast
summary-h-heard = Vad vi hörde
summary-no-themes = Inga teman har sammanställts ännu. Sammanställ dem av anteckningarna på temasidan.
summary-theme-notes = { $count ->
    [one] Om temat antecknades { $count } anteckning.
   *[other] Om temat antecknades { $count } anteckningar.
}
# Introduces a theme's example notes, only when at least one follows.
summary-theme-examples = Exempel:
summary-h-practices = Överenskommen praxis
summary-h-feedback = Respons
summary-feedback-answers = { $count ->
    [one] { $count } svar
   *[other] { $count } svar
}
summary-h-next = Vad händer härnäst
summary-next-placeholder = Berätta här hur sammanfattningen och praxisen används i fortsättningen.
summary-state-draft = utkast
summary-state-review = ute för kommentarer
summary-state-published = publicerad
summary-history = Sammanfattningens versioner
summary-history-row = Version { $version } ({ $state }): { $who }, { $when }
summary-read-at = Deltagarna läser sammanfattningen på adressen
summary-exports = Ladda ner:
summary-kind-heading = Rubrik
summary-kind-paragraph = Stycke
summary-kind-quote = Citat
summary-sources = { $count ->
    [one] { $count } källanteckning
   *[other] { $count } källanteckningar
}
summary-drop = Ta bort det här avsnittet
summary-new-paragraph = Nytt stycke i slutet
summary-save = Spara sammanfattningen
summary-to-review = Skicka till deltagarna för kommentarer
summary-to-draft = Gör om till utkast
summary-publish = Publicera för deltagarna
summary-preview = Förhandsgranska
summary-preview-title = Förhandsgranskning: så här läses sammanfattningen
summary-preview-note = Det här är inte sparat ännu. Spara eller fortsätt redigera; allt du skrivit finns kvar.
summary-edit-continue = Fortsätt redigera
summary-document = Sammanfattningen under redigering
summary-field-heading = Mellanrubrik
summary-field-paragraph = Stycke { $n }: { $section }
summary-field-quote = Citat { $n }: { $section }
summary-buttons-hint = Varje knapp sparar också dina ändringar i texten.
summary-unsaved-title = Text du skrev som inte sparades
summary-comments = { $count ->
    [one] { $count } kommentar från deltagarna
   *[other] { $count } kommentarer från deltagarna
}
summary-error-block = Avsnitt { $n }: { $error }
summary-error-too-many = Sammanfattningen har för många avsnitt.
summary-error-stale = Någon annan sparade sammanfattningen samtidigt. Här är den senaste versionen; gör din ändring på nytt.
summary-sources-title = Vad det här bygger på
summary-back = Tillbaka till sammanfattningen
share-open-page = Dela sammanfattningen med hela arbetsgemenskapen med en länk och QR-kod
share-title = Dela sammanfattningen
share-explain = Med länken kan alla som du ger den läsa sammanfattningen, också de som inte anslöt till en session med telefonen. Medan sammanfattningen är ute för kommentarer kan den som har länken också kommentera. Länken visar samma sak som deltagarna ser: inget utkast och ingens namn.
share-revoked-done = Länken är återkallad. Den öppnar inte längre sammanfattningen.
share-made-title = Ny länk
share-made-once = Kopiera länken eller skriv ut QR-koden nu: länken sparas inte och kan inte visas igen. Om den försvinner, återkalla den och gör en ny.
share-url-label = Länk till sammanfattningen
share-qr-label = QR-kod som öppnar länken till sammanfattningen
share-open-link = Öppna den delade sammanfattningen
share-active = Länken till sammanfattningen har fungerat sedan { $since }.
share-lost = Länken visas inte igen. Om den har försvunnit eller hamnat i fel händer, återkalla den och gör en ny.
share-revoke = Återkalla länken
share-revoke-title = Återkalla länken?
share-revoke-explain = Länken slutar fungera genast: de som har den kan inte längre läsa eller kommentera sammanfattningen. Kommentarer som redan skickats finns kvar. Du kan göra en ny länk.
share-revoke-confirm = Återkalla länken
share-revoke-cancel = Återkalla inte
share-make = Gör en länk och QR-kod
share-not-readable = Sammanfattningen kan delas när den har skickats för kommentarer eller publicerats.
event-summary-saved = { $actor } sparade version { $version } av sammanfattningen ({ $state }).
event-summary-link-made = { $actor } delade sammanfattningen med hela arbetsgemenskapen via en länk.
event-summary-link-revoked = { $actor } återkallade sammanfattningens delningslänk.
summary-export-orderer = Beställare
summary-export-state = Status
summary-export-date = Daterad
# The dialogue catalogue
cat-open = Dialogkatalog
cat-org-title = Dialogkatalog: { $org }
cat-org-intro = Var och hur organisationen använder dialog: processer i vuoro räknas med av sig själva, annan verksamhet registreras här för hand eller importeras från en förteckning.
cat-completeness = Fullständighet
cat-completeness-figure = { $percent } % av uppgifterna är registrerade
cat-no-gaps = Alla rader har sammanhang, metod, antal och tidpunkt.
cat-entries = { $count ->
    [one] { $count } rad
   *[other] { $count } rader
}
cat-missing = Saknas
cat-missing-context = sammanhang
cat-missing-method = metod
cat-missing-count = antal
cat-missing-period = tidpunkt
cat-requests = Begäran om komplettering
cat-requests-none = Inga begäranden om komplettering.
cat-request-missing = Vad ska kompletteras
cat-request-message = Meddelande
cat-request-send = Skicka begäran om komplettering
cat-request-open = öppen
cat-request-resolved = åtgärdad
cat-request-resolve = Markera som åtgärdad
cat-recorded = Registrerad verksamhet
cat-recorded-none = Ingen registrerad verksamhet ännu.
cat-add = Registrera dialogverksamhet
cat-edit = Redigera registreringen
cat-save = Spara
cat-delete = Radera registreringen
cat-not-public = inte offentlig
cat-processes = Processer i vuoro
cat-processes-intro = De räknas med i katalogen av sig själva, var och en en gång.
cat-processes-none = Inga processer har förts i vuoro ännu.
cat-process-public = Dialogprocess i vuoro
cat-origin-manual = registrerad för hand
cat-origin-import = importerad från förteckningen, rad { $line }
cat-origin-process = process i vuoro
cat-imported-from = Importerad från förteckningen, rad { $line }: ”{ $text }”
cat-unstructured = Rader som inte kunde struktureras
cat-unstructured-intro = Dessa rader i förteckningen importerades som de var, eftersom ingen verksamhet kändes igen i dem.
cat-settings = Publicering och grunduppgifter
cat-settings-save = Spara
cat-region = Landskap
cat-region-hint = För avgränsning i kamratförteckningen, till exempel Norra Österbotten.
cat-trained = Utbildade facilitatorer
cat-public = Kamratförteckning
cat-public-yes = Organisationen syns i den offentliga kamratförteckningen och som öppna data
cat-publish-processes = Processer i vuoro
cat-publish-processes-yes = Processer i vuoro räknas med i de offentliga siffrorna (utan arbetsgemenskapernas namn)
cat-text = Beskrivning
cat-text-hint = Med organisationens egna ord.
cat-status = Läge
cat-status-done = Genomförd
cat-status-planned = Kommande
cat-contexts = Sammanhang
cat-contexts-hint = Det första valda är det huvudsakliga.
cat-topics = Teman
cat-tags = Egna etiketter
cat-tags-hint = Åtskilda med kommatecken.
cat-method = Metod
cat-method-unknown = Inte känd
cat-unit = Enhet eller sektor
cat-target-group = Målgrupp
cat-languages = Språk
cat-format = Genomförande
cat-format-unknown = Inte känt
cat-period = Tidpunkt
cat-period-hint = Ett år eller flera, till exempel 2021 eller 2019–2021. Pågående: 2021–
cat-period-from = från { $year }
cat-count = Antal
cat-count-hint = Som ni vet det: till exempel 7, cirka 10, 10–15 per år.
cat-count-exact = { $n }
cat-count-about = cirka { $n }
cat-count-range = { $min }–{ $max }
cat-count-at-least = minst { $n }
cat-count-per-year = { $count } per år
cat-activity-public = Offentlighet
cat-activity-public-yes = Registreringen får synas i kamratförteckningen
# The peer listing
listing-title = Kamratförteckning: dialog i organisationerna
listing-intro = I vilka sammanhang och om vilka teman organisationerna för dialoger, hur ofta och vad som är på kommande. Förteckningen sammanställs av organisationernas egna registreringar och processerna i vuoro; bara det som organisationen har publicerat är med.
listing-filter = Avgränsa
listing-all = Alla
listing-year = År
listing-year-error = Året duger inte: ange ett år mellan { $min } och { $max }. Året användes inte för avgränsningen.
listing-count = { $count ->
    [one] { $count } registrering
   *[other] { $count } registreringar
}
listing-overall = { $percent } % av uppgifterna registrerade
listing-download = Ladda ner förteckningen:
listing-charts = Verksamheten i bilder
listing-chart-context = Registreringar per sammanhang
listing-chart-year = Registreringar per år
listing-chart-desc = Stapeldiagram; samma siffror finns nedan som tabell.
listing-chart-table = { $title } som tabell
listing-chart-label = Grupp
listing-chart-value = Registreringar
listing-chart-empty = Inga registreringar med dessa avgränsningar.
listing-compare = Organisationerna sida vid sida
listing-compare-orgs = Organisationer att jämföra
listing-compare-submit = Jämför
listing-compare-none = Välj minst en organisation.
listing-none = Inga publicerade registreringar med dessa avgränsningar.
listing-processes = Processer i vuoro: { $count }
nav-listing = Kamratförteckning

# Open data API
api-bad-query = Förfrågans parametrar kunde inte läsas.
api-repeated-parameter = Samma parameter gavs mer än en gång.
api-unknown-parameter = Okänd parameter. Tillåtna: org, context, method, topic, region, year och status.
api-bad-org = Organisationens id duger inte.
api-bad-context = Okänd kod för sammanhang.
api-bad-method = Okänd metodkod.
api-bad-topic = Okänd ämneskod.
api-bad-region = Regionens namn saknas eller är för långt.
api-bad-year = Året ska vara ett tal mellan 1950 och 2100.
api-bad-status = Status ska vara done eller planned.

# Organisation plans
orgplan-open = Planer som dialogerna ger underlag till
orgplan-list-title = Planer: { $org }
orgplan-intro = Namnge organisationens planer (till exempel en handlingsplan för öppen förvaltning eller en strategi) och deras delområden. Koppla dialogprocesser till delområdena, så berättar deras publicerade sammanfattningar vad som sades i dialogerna om varje delområde.
orgplan-plans = Planer
orgplan-none = Inga planer har namngetts ännu.
orgplan-area-count = { $count ->
    [one] { $count } delområde
   *[other] { $count } delområden
}
orgplan-process-count = { $count ->
    [one] { $count } kopplad process
   *[other] { $count } kopplade processer
}
orgplan-new = Ny plan
orgplan-create = Spara planen
orgplan-name = Planens namn
orgplan-name-hint = Till exempel ”Handlingsplan för öppen förvaltning 2023–2027”.
orgplan-description = Beskrivning
orgplan-areas = Delområden
orgplan-areas-hint = Ett delområde per rad, högst { $max }.
orgplan-areas-too-many = Högst { $max } delområden.
orgplan-area-line = Rad { $line }: { $error }
orgplan-back-to-list = Tillbaka till planerna
orgplan-page-intro = Under varje delområde finns de dialogprocesser som kopplats till det och vad som sades i deras publicerade sammanfattningar.
orgplan-area-empty = Inga processer har kopplats till detta delområde ännu.
orgplan-process-anonymous = Dialogprocess
orgplan-said = Vad som sades i dialogen
orgplan-no-summary = Sammanfattningen har inte publicerats ännu.
orgplan-summary-not-shared = Processens plan delar inte sammanfattningen med dig: den visas bara för dem som sammanfattningens synlighet tillåter.
orgplan-unlink = Ta bort kopplingen till delområdet { $area }
orgplan-link = Koppla
orgplan-link-process = Koppla en process till detta delområde
orgplan-link-area = Koppla till ett delområde i en plan
orgplan-process-title = Planer
orgplan-process-none = Processen är inte kopplad till något delområde i någon plan.
cat-home-requests = { $count ->
    [one] Dialogkatalogen har en begäran om komplettering
   *[other] Dialogkatalogen har { $count } begäranden om komplettering
}
listing-sources = Importerade förteckningar
listing-source-untitled = Förteckning utan namn
listing-source-imported = importerad { $when }

## Notices: the community's addresses
community-title = Gemenskapens e-post
community-edit = Redigera adresserna
community-page-title = Skicka sammanfattningen till gemenskapen
community-explain = När sammanfattningen skickas för kommentarer och när den publiceras får varje adress här ett meddelande med en länk till sammanfattningen. Meddelandet nämner ingen deltagare.
community-addresses = E-postadresser till gemenskapens medlemmar
community-addresses-hint = En adress per rad. Adresserna raderas när sammanfattningen publiceras.
community-list = Eller en adress till en e-postlista
community-list-hint = Till exempel teamets e-postlista. Listans adress sparas efter publiceringen, eftersom den inte nämner någon.
community-save = Spara adresserna
community-saved = Adresserna har sparats.
community-none = Inga adresser har getts.
community-is-list = E-postlistan { $address } (sparas efter publiceringen).
community-are-people = { $count ->
    [one] { $count } adress (raderas när sammanfattningen publiceras).
   *[other] { $count } adresser (raderas när sammanfattningen publiceras).
}
community-deleted = { $count ->
    [one] { $count } adress raderades { $date } när sammanfattningen publicerades.
   *[other] { $count } adresser raderades { $date } när sammanfattningen publicerades.
}
community-published = Sammanfattningen är publicerad, så inget mer skickas till adresserna.
community-mail-off = E-post används inte på den här servern, så inga meddelanden skickas.
community-error-line = Rad { $line }: ”{ $text }” är inte en e-postadress.
community-error-too-many = Ge högst { $max } adresser.
community-error-list = E-postlistans adress är inte en e-postadress.
community-error-both = Ge antingen medlemmarnas adresser eller en adress till en e-postlista, inte båda.
community-mailed = { $count ->
    [one] Sammanfattningen skickades till { $count } adress i gemenskapen.
   *[other] Sammanfattningen skickades till { $count } adresser i gemenskapen.
}
community-link-renewed = Meddelandena har en ny länk till sammanfattningen. Den tidigare länken öppnar inte längre sammanfattningen.
community-deleted-now = { $count ->
    [one] Gemenskapens { $count } e-postadress raderades vid publiceringen.
   *[other] Gemenskapens { $count } e-postadresser raderades vid publiceringen.
}

## Mail: session-reminder
mail-session-reminder-subject = Påminnelse: { $session } { $date }
mail-session-reminder-text =
    Du leder tillfället ”{ $session }” i dialogprocessen { $process } { $date } kl. { $time }.

    Plats: { $place }

    Planen och öppnandet av tillfället finns på processens sida: { $link }

## Mail: practice-follow-up
mail-practice-follow-up-subject = Uppföljningsdag för en praxis: { $practice }
mail-practice-follow-up-text =
    Uppföljningsdagen för praxisen ”{ $practice }”, som man kom överens om i dialogprocessen { $process }, är { $date }.

    Anteckna hur praxisen har framskridit: { $link }

## Mail: summary-for-comments
mail-summary-for-comments-subject = Dialogens sammanfattning kan kommenteras: { $process }
mail-summary-for-comments-text =
    Sammanfattningen av dialogen { $process } är klar att läsas och kommenteras.

    Läs sammanfattningen och kommentera den anonymt: { $link }

    Du fick det här meddelandet eftersom beställaren av dialogen gav din adress för att sammanfattningen skulle skickas. Personliga adresser raderas när sammanfattningen publiceras.

## Mail: summary-published
mail-summary-published-subject = Dialogens sammanfattning är publicerad: { $process }
mail-summary-published-text =
    Sammanfattningen av dialogen { $process } är publicerad.

    Läs sammanfattningen: { $link }

    Du fick det här meddelandet eftersom beställaren av dialogen gav din adress för att sammanfattningen skulle skickas. Personliga adresser har nu raderats.
## Mail: settings (the preferences page, the kinds of mail, the footer of mail that can be turned off)
nav-mail-settings = E-post
mail-prefs-title = E-postinställningar
mail-prefs-intro = Meddelandena skickas till { $email }.
mail-prefs-kinds = Vad vill du få meddelanden om
mail-prefs-always = Inbjudningar, länkar för att byta lösenord och bekräftelser av e-postadressen skickas alltid.
mail-prefs-lang = Meddelandenas språk
mail-prefs-save = Spara inställningarna
mail-prefs-saved = E-postinställningarna har sparats.
mail-prefs-not-in-use = Tjänsten skickar ännu ingen e-post. Dina inställningar gäller när e-post tas i bruk.
mail-kind-invitation = Inbjudan till en organisation
mail-kind-password-reset = Länk för att byta lösenord
mail-kind-address-confirmation = Bekräftelse av e-postadressen
mail-kind-order-assigned = Du erbjuds att facilitera en process
mail-kind-plan-awaiting-approval = En processplan väntar på ditt godkännande
mail-kind-session-reminder = Påminnelse dagen före ett tillfälle
mail-kind-practice-follow-up = Uppföljningsdagar för överenskomna arbetssätt
mail-kind-summary-for-comments = Sammanfattningen kan kommenteras
mail-kind-summary-published = Sammanfattningen har publicerats
mail-footer-settings = Du kan välja vilken e-post du får: { $link }

## Mail: order-assigned
mail-order-assigned-subject = Du erbjuds att facilitera: { $process }
mail-order-assigned-text =
    { $by } erbjuder dig att facilitera dialogprocessen { $process }.

    Läs beställningen och svara om du tar emot den på processens sida: { $link }

## Mail: plan-awaiting-approval
mail-plan-awaiting-approval-subject = Planen väntar på ditt godkännande: { $process }
mail-plan-awaiting-approval-text =
    { $author } har ändrat planen för dialogprocessen { $process }. Den nya versionen väntar på ditt godkännande.

    Läs och godkänn planen på processens sida: { $link }
## Rights: retention
retention-title = Bevarande
retention-rule = { $months ->
    [one] Deltagarnas råa uppgifter raderas en månad efter att sammanfattningen publicerats: anteckningar, svar på responsen, ämnen i open space, kommentarer till sammanfattningen och visade namn.
   *[other] Deltagarnas råa uppgifter raderas { $months } månader efter att sammanfattningen publicerats: anteckningar, svar på responsen, ämnen i open space, kommentarer till sammanfattningen och visade namn.
}
retention-keeps = Sammanfattningen, teman och praxis bevaras.
retention-due = Raderingen sker { $date }.
retention-deleted-notes = Råa anteckningar raderade { $date } ({ $count } st.)
retention-deleted-feedback_answers = Svar på responsen raderade { $date } ({ $count } st.)
retention-deleted-shown_names = Namn som deltagare visat raderade { $date } ({ $count } st.)
retention-deleted-summary_comments = Kommentarer till sammanfattningen raderade { $date } ({ $count } st.)
retention-deleted-topics = Ämnen i open space raderade { $date } ({ $count } st.)
retention-months = Bevarandetid i månader
retention-months-hint = { $min }–{ $max } månader efter att sammanfattningen publicerats.
retention-save = Spara bevarandetiden
retention-change-link = Ändra bevarandetiden på processens sida
retention-months-invalid = Bevarandetiden ska vara 1–60 månader.

## Rights: a person's data
person-open = Uppgifter om { $name }, export och radering
members-former = Tidigare medlemmar
members-former-hint = De har inte längre några roller i den här organisationen. Deras uppgifter kan fortfarande exporteras eller raderas.
person-former-member = Tidigare medlem, inga roller
person-export-title = Personens uppgifter
person-export-intro = Ladda ner som JSON-fil allt som tjänsten har om personen i denna organisation: kontot, roller, beställda och faciliterade processer, planversioner, godkännanden, anteckningar i processernas logg och inloggningarnas tider. Deltagarnas uppgifter finns inte i filen. Exporten antecknas i förvaltningsloggen.
person-export = Ladda ner uppgifterna (JSON)
person-remove-title = Anonymisering och radering
person-anonymise-intro = Anonymisering ersätter namnet och adressen med en kod, avslutar inloggningen och tar bort rollerna. Det personen gjort finns kvar i processernas historik under samma kod.
person-anonymise = Anonymisera { $name }
person-delete-intro = Radering gör detsamma, men i historiken visas bara ett streck i stället för personen, så det personen gjort kan inte längre kopplas ihop.
person-delete = Radera { $name }
person-anonymise-confirm = Anonymisera { $name }? Namnet och adressen kan inte återställas.
person-delete-confirm = Radera { $name }? Namnet och adressen kan inte återställas.
person-anonymise-yes = Ja, anonymisera
person-delete-yes = Ja, radera
person-keep = Nej, tillbaka till personens sida
person-refused-facilitating = { $name } faciliterar en process som fortfarande pågår. Be en koordinator att först utse en annan facilitator.
person-refused-beyond = { $name } verkar också i andra organisationer eller är administratör för tjänsten. En administratör för tjänsten kan göra detta.
person-not-yourself = Du kan inte anonymisera eller radera dig själv. Be en annan administratör.

## Rights: the audit log
audit-open = Förvaltningslogg
audit-title = Förvaltningslogg
audit-intro = Organisationens administrativa åtgärder: vem gjorde vad, när och för vem. Loggen nämner aldrig deltagare.
audit-entries = Åtgärder
audit-none = Inga åtgärder ännu.
audit-more = Visa äldre
audit-col-when = När
audit-col-who = Vem
audit-col-what = Vad
audit-col-whom = För vem
audit-col-detail = Tillägg
audit-server = Tjänsten (daglig körning)
audit-removed-person = Raderad person
audit-invitations-none = Inga inbjudningar.
audit-invitation-line = { $at }: { $actor } bjöd in { $email }
audit-action-staff_exported = Personens uppgifter exporterades
audit-action-staff_deleted = Personen raderades
audit-action-staff_anonymised = Personen anonymiserades
audit-action-retention_changed = Bevarandetiden ändrades
audit-action-retention_deleted = Rådata raderades
audit-action-sign_on_mapping_changed = Grupperna för enkel inloggning ändrades
audit-action-password_login_changed = Inloggning med lösenord ändrades
audit-detail-password-off = Inloggning med lösenord spärrad
audit-action-partnership_proposed = Ett partnerskap föreslogs
audit-action-partnership_accepted = Ett partnerskap godkändes
audit-action-partnership_ended = Ett partnerskap avslutades
audit-detail-partnership = { $org }: { $scope }
audit-detail-password-on = Inloggning med lösenord tillåten
audit-detail-group-removed = gruppen borttagen
audit-detail-sign-on-group = Grupp { $group }: { $roles }
audit-detail-deleted-shown_names = namn { $count }
audit-detail-deleted-summary_comments = kommentarer { $count }
audit-detail-deleted-topics = ämnen { $count }
audit-detail-deleted-feedback_answers = svar på responsen { $count }
audit-detail-deleted-notes = anteckningar { $count }
audit-detail-retention-deleted = { $process }: { $what }
audit-detail-retention-changed = { $process }: { $before } → { $after } mån.

## Mail: invitation
mail-invitation-subject = Inbjudan till vuoro: { $org }
mail-invitation-text =
    { $inviter } har bjudit in dig som användare för organisationen { $org } i vuoro, där dialoger beställs, planeras och genomförs.

    Ta emot inbjudan här: { $link }

    Länken fungerar till { $until } och bara en gång. Den är avsedd bara för dig, så dela den inte. Om du inte väntade dig inbjudan kan du strunta i meddelandet.

## Mail: password-reset
mail-password-reset-subject = Nytt lösenord till vuoro
mail-password-reset-text =
    Hej { $name },

    för kontot { $email } begärdes en länk för att välja ett nytt lösenord. Välj det nya lösenordet här: { $link }

    Länken fungerar till { $until } och bara en gång. När du väljer ett nytt lösenord avslutas alla inloggningar med kontot.

    Om du inte begärde länken kan du strunta i meddelandet: ditt lösenord förblir oförändrat.

## Mail: address-confirmation
mail-address-confirmation-subject = Bekräfta din e-postadress i vuoro
mail-address-confirmation-text =
    Hej { $name },

    ett konto med adressen { $email } skapades åt dig i vuoro med en inbjudningslänk. Bekräfta att adressen är din och välj samtidigt ett lösenord för kontot: { $link }

    Du kan välja samma lösenord som förut. Samtidigt avslutas kontots övriga inloggningar, och därefter kan också andra organisationer ge dig roller.

    Länken fungerar till { $until } och bara en gång.
## Sign-on
login-sso = Logga in med organisationens konto
login-sso-hint = Du loggar in i din organisations inloggningstjänst med samma konto som i dess andra tjänster.
login-password-title = Logga in med lösenord
login-password-off = Din organisation har stängt av inloggning med lösenord. Logga in med organisationens konto.
role-via-sign_on = grupper vid inloggning
sso-refused-title = Inloggningen misslyckades
sso-back-to-login = Tillbaka till inloggningen
sso-refused-state = Inloggningen kunde inte kopplas till den här webbläsaren: den hade gått ut, redan använts eller påbörjats i en annan webbläsare. Börja om inloggningen.
sso-refused-provider = Organisationens inloggningstjänst godkände inte inloggningen, eller så avbröts den. Försök igen eller logga in med lösenord.
sso-refused-token = Svaret från organisationens inloggningstjänst kunde inte kontrolleras. Försök igen om en stund. Kontakta tjänstens administratör om felet upprepas.
sso-refused-no-email = Inloggningstjänsten uppgav inte din e-postadress, så ditt konto kunde inte kopplas till vuoro. Kontakta din organisations administratör.
sso-refused-unverified = Inloggningstjänsten har inte bekräftat din e-postadress, så den kunde inte användas för att koppla ditt konto. Bekräfta adressen i inloggningstjänsten eller kontakta din organisations administratör.
sso-refused-no-account = Du har ännu inget konto i vuoro och har inte bjudits in. Be din organisations administratör att bjuda in dig.
sso-refused-linked = Ditt konto är redan kopplat till ett annat konto i organisationens inloggningstjänst. Logga in med det eller kontakta din organisations administratör.
sso-provider-down = Organisationens inloggningstjänst kunde inte nås just nu. Försök igen om en stund eller logga in med lösenord.
sso-throttled = För många inloggningar har påbörjats från den här adressen. Vänta en stund och försök igen.
sso-admin-open = Gemensam inloggning
partners-open = Partnerskap
partners-title = Partnerskap
partners-intro = Genom ett partnerskapsavtal delar två organisationer sina facilitatorer. När en gemenskap behöver en utomstående facilitator, till exempel en ledningsgrupp, syns partnerns facilitatorer bland förslagen. Partnern ser bara de processer som dess facilitator har fått, och deras timmar.
partners-incoming = Förslag till er
partners-propose-title = Föreslå ett partnerskap
partners-propose = Skicka förslaget
partners-org = Partnerorganisation
partners-org-choose = Välj organisation
partners-scope = Vilka beställningar avtalet gäller
partners-scope-hint = Avtalet delar facilitatorerna åt båda hållen. De egna facilitatorerna föreslås alltid först.
partners-scope-outsider = Bara beställningar som behöver en utomstående facilitator
partners-scope-all = Alla beställningar
partners-active = Gällande avtal
partners-none = Inga gällande avtal.
partners-outgoing = Förslag som väntar på svar
partners-ended = Avslutade
partners-since-proposed = föreslaget { $date }
partners-since-active = gäller från { $date }
partners-since-ended = avslutat { $date }
partners-accept = Godkänn partnerskapet: { $org }
partners-withdraw = Återkalla förslaget: { $org }
partners-decline = Avslå förslaget: { $org }
partners-end = Avsluta avtalet: { $org }
partners-end-confirm = Avsluta avtalet med { $org }? Inga nya förslag görs. Processer som redan har fått en facilitator fortsätter med hen till slutet.
partners-withdraw-confirm = Återkalla förslaget till { $org }?
partners-decline-confirm = Avslå förslaget från { $org }?
partners-keep = Gå tillbaka
partners-error-exists = Det finns redan ett avtal eller förslag med denna organisation.
partners-error-changed = Avtalet ändrades under tiden. Ladda om sidan.
sso-admin-title = Gemensam inloggning
sso-admin-not-configured = Gemensam inloggning har inte tagits i bruk på den här servern. Du kan ändå förbereda grupperna; de tillämpas när tjänstens administratör tar inloggningen i bruk.
sso-admin-intro = Personalen kan logga in med organisationens konto. Inloggningstjänstens grupper kan ge roller i den här organisationen.
sso-groups-title = Grupper och roller
sso-groups-intro = En grupps roller ges vid varje inloggning till alla vars konto hör till gruppen och tas bort när gruppen inte längre hör dit. Roller som ingen grupp ger påverkas inte av inloggningen. Ta bort en grupp genom att ta bort alla dess roller.
sso-group-name = Grupp
sso-group-name-hint = Gruppens identifierare så som inloggningstjänsten uppger den (uppgiften groups), till exempel en grupps id i Entra ID.
sso-group-save = Spara gruppens roller
sso-groups-none = Inga grupper har definierats ännu.
sso-group-update = Spara rollerna för gruppen { $group }
sso-password-title = Inloggning med lösenord
sso-password-is-on = Organisationens medlemmar kan också logga in med lösenord.
sso-password-is-off = Inloggning med lösenord är avstängd: organisationens medlemmar loggar in endast med organisationens konto.
sso-password-site-admins = Tjänstens huvudanvändare kan alltid logga in med lösenord, så att tjänsten kan nås även om inloggningstjänsten är ur bruk eller felaktigt inställd.
sso-password-turn-off = Stäng av inloggning med lösenord
sso-password-turn-on = Tillåt inloggning med lösenord
sso-password-off-confirm = Stänga av inloggning med lösenord? Organisationens medlemmar kan därefter logga in endast med organisationens konto. Medlemmarnas öppna sessioner avslutas, och de loggar in igen med organisationens konto.
sso-password-off-yes = Ja, stäng av inloggning med lösenord
sso-password-keep = Behåll inloggning med lösenord
sso-password-needs-sign-on = Inloggning med lösenord kan inte stängas av, eftersom gemensam inloggning inte har tagits i bruk på den här servern.
sso-password-sign-on-first = Logga först ut och in igen med organisationens konto: din session som började med lösenord skulle inte längre nå den här organisationen när inloggning med lösenord är avstängd.

## The facilitator network (part 9)
role-via-training = avslutad utbildning
home-network = Facilitatornätverket
home-own-facilitation = Min facilitering
net-title = Facilitatornätverket: { $org }
net-members = { $count ->
    [one] Nätverket har en facilitator.
   *[other] Nätverket har { $count } facilitatorer.
}
net-training-new = Registrera en utbildning
net-meeting-new = Registrera ett nätverksmöte
net-trained-title = Utbildade
net-per-method = Utbildade per metod
net-per-unit = Utbildade per enhet
net-col-trained = Utbildade
net-none-trained = Ingen i nätverket är utbildad ännu.
net-idle-title = Längst utan att facilitera
net-idle-intro = Nätverkets facilitatorer efter när deras senaste process började; först de som inte har faciliterat ännu.
net-no-members = Ingen har ännu rollen som facilitator.
net-col-person = Person
net-col-last = Faciliterade senast
net-never = aldrig
net-meetings-title = Nätverksmöten { $year }
net-no-meetings = Inga möten har registrerats i år.
net-col-attended = Deltagare
net-trainings-title = Utbildningar
net-no-trainings = Inga utbildningar har registrerats.
net-lent-title = Partnernas processer
net-lent-intro = Nätverkets facilitatorer som leder en partnerorganisations process, och deras timmar. Processernas innehåll syns bara för partnern.
net-lent-partner = Partner
net-lent-first = Första träffen
net-lent-hours = Timmar
net-lent-no-dates = Inga datum ännu
net-col-dates = Dagar
net-col-completed = Avklarade
net-completed-of = { $done } / { $count }
net-method = Metod
net-methods = Metoder man faciliterar med
net-methods-hint = Metoderna du tar emot dialoger med. Utbildningar registreras separat.
net-unit = Hemenhet
net-unit-hint = Enheten där du arbetar. Du faciliterar inte din egen enhets dialoger.
net-no-unit = ingen enhet
net-languages = Språk man faciliterar på
net-outsider = Beställningar som behöver en utomstående
net-outsider-yes = Jag tar emot dialoger för ledningsgrupper och andra som behöver en utomstående facilitator
net-outsider-takes = tar emot
net-outsider-not = tar inte emot
net-capacity = Tid för facilitering (timmar i månaden)
net-capacity-hint = Till exempel 6 eller 4,5; högst { $max }. 0 betyder att du inte föreslås nu.
net-capacity-value = { $hours } timmar i månaden
net-hours = { $hours } h
net-hours-hint = I timmar, till exempel 12 eller 3,5.
net-profile = Profil
net-no-profile = Profilen har inte fyllts i ännu.
net-profile-edit = Redigera profilen
net-profile-save = Spara profilen
net-profile-saved = Profilen sparades.
net-own-title = Min facilitering
net-coming = Kommande
net-no-coming = Du har inga kommande processer att facilitera.
net-no-dates = dagarna har inte avtalats ännu
net-absences = Frånvaro
net-no-absences = Ingen kommande frånvaro.
net-absence-add = Lägg till frånvaro
net-absence-from = Första dagen
net-absence-to = Sista dagen
net-absence-delete = Ta bort frånvaron { $dates }
net-absence-delete-confirm = Ska frånvaron { $dates } tas bort?
net-absence-delete-yes = Ja, ta bort frånvaron
net-absence-keep = Behåll frånvaron
net-held = Utbildningar
net-no-held = Inga utbildningar har registrerats.
net-held-recorded = registrerad utbildning
net-held-add = Lägg till en tidigare utbildning
net-held-add-hint = En utbildning som avklarats innan tjänsten togs i bruk.
net-held-date = Avklarad den
net-trainer = Utbildare
net-trainer-hint = Till exempel THL, stiftelsen Erätauko eller den egna organisationen.
net-training-from = Börjar
net-training-to = Slutar
net-training-hours = Omfattning (timmar)
net-trainees = Deltagare i utbildningen
net-training-save = Spara utbildningen
net-training-title = Utbildning: { $method }
net-complete = Markera som avklarad
net-complete-who = Har avklarat
net-complete-hint = Den som avklarat får metodens utbildning i sin profil och vid behov rollen som facilitator.
net-completed-on = avklarad { $date }
net-not-completed = inte avklarad ännu
net-became = Rollen som facilitator gavs till: { $names }
net-error-unconfirmed = Rollen kunde inte ges eftersom personens e-postadress inte har bekräftats i den här organisationen.
net-meeting-date = Dag
net-meeting-title = Ämne
net-meeting-place = Plats
net-meeting-place-hint = Frivilligt, till exempel ett mötesrum eller Teams.
net-meeting-intro = När mötet har sparats kan du markera deltagarna.
net-meeting-save = Spara mötet
net-attended-who = Deltog
net-attendance-save = Spara deltagarna
net-attendance-saved = Deltagarna sparades.
net-nobody-attended = Inga deltagare har markerats.

## Proposals for an order (part 9, assignment)
proposals-link = Visa föreslagna facilitatorer
proposals-title = Föreslagna facilitatorer: { $process }
proposals-no-sessions = Planen har ännu inga datum för tillfällena, så månadens kapacitet och överlappningar har inte kontrollerats.
proposals-proposed = Föreslagna, den bästa först
proposals-none = Ingen av nätverkets facilitatorer kan föreslås.
proposals-not-proposed = Föreslås inte
proposals-assign = Ge uppdraget: { $name }
assign-reason-trained-in = Utbildad i metoden { $method }
assign-reason-not-trained = Inte utbildad i metoden { $method }
assign-reason-speaks-all = Talar deltagarnas språk
assign-reason-missing-languages = Talar inte: { $languages }
assign-reason-from-partner = Från partnern { $org }
assign-reason-capacity-left = Kvar av månadens kapacitet: { $hours } h
assign-reason-load-last-year = Facilitering under det senaste året: { $hours } h
assign-reason-volunteered = Anmälde sig frivilligt
assign-reason-own-unit = Från beställarens egen enhet
assign-reason-own-community = Hör till arbetsgemenskapen som dialogen gäller
assign-reason-own-organisation = Från beställarens egen organisation, fast en utomstående behövs
assign-reason-no-outsider-orders = Tar inte beställningar som behöver en utomstående facilitator
assign-reason-not-shared = Från en annan organisation, och partnerskapet gäller inte denna beställning
assign-reason-kind-not-taken = Tar inte dialoger med deltagarna: { $kinds }
assign-reason-over-capacity = Kapaciteten skulle överskridas { $month }: { $hours } h för mycket
assign-reason-clash = Överlappar ett annat tillfälle { $at }
assign-reason-absent = Frånvarande { $at }
net-month-hours = Faciliteringstimmar per månad
net-no-hours = Inga tillfällen är planerade för denna eller kommande månader.
net-col-month = Månad
net-col-planned = Planerat
net-col-capacity = Kapacitet
net-over-capacity = över kapaciteten
net-col-load = Denna månad (planerat / kapacitet)
## The network's reports
rep-title = Nätverkets rapporter: { $org }
rep-link = Rapporter
rep-intro = Dialoger (processer) vars första tillfälle infaller under den valda perioden; inställda räknas inte. Responsen räknas per metod över alla processernas tillfällen, men bara från processer med minst fem svar, och en siffra visas först från minst fem svar.
rep-period = Period
rep-period-error = Perioden kunde inte läsas; innevarande år visas.
rep-period-shown = Period { $period }
rep-none = Inga dialoger under perioden.
rep-csv = Ladda ner CSV: { $table }
rep-per-unit = Dialoger per enhet
rep-per-method = Dialoger per metod
rep-per-facilitator = Dialoger per facilitator
rep-per-month = Dialoger per månad
rep-lead-title = Dagar från beställning till första tillfället
rep-feedback-title = Respons per metod
rep-col-dialogues = Dialoger
rep-col-month = Månad
rep-col-median = Median (dagar)
rep-col-shortest = Kortast (dagar)
rep-col-longest = Längst (dagar)
rep-col-responses = Svar
rep-col-mean = Medelvärde (1–5)
rep-fewer = färre än fem svar
rep-no-ratings = inga bedömningar
rep-no-method = ingen metod
rep-no-facilitator = ingen facilitator
cat-network-trained = { $trained } utbildade ({ $methods }); { $active } har facilierat under de senaste 12 månaderna (facilitatornätverkets siffror)

## Offers and volunteers (part 9)
facilitator-awaiting = { $name } (svar väntas)
transition-error-awaiting-answer = Facilitatorn har ännu inte tagit emot beställningen.
next-answer-offer = Beställningen har erbjudits en facilitator, som tar emot den eller tackar nej.
event-offer-accepted = { $actor } tog emot beställningen.
event-offer-declined = { $actor } tackade nej till beställningen; den återgick till kön.
offer-text = { $by } erbjöd dig att facilitera den här beställningen { $when }. Tar du emot den?
offer-accept = Jag tar emot beställningen
offer-decline-title = Tacka nej till beställningen
offer-reason = Orsak
offer-reason-hint = Koordinatorerna ser orsaken, inte beställaren. Beställningen återgår till kön och nästa facilitator föreslås.
offer-decline = Jag tackar nej
proposals-awaiting = Beställningen har erbjudits: { $name } ({ $when }). Svar väntas.
assign-reason-declined = Tackade nej till den här beställningen: { $reason }
mail-kind-offer-declined = En facilitator tackade nej till en beställning du erbjöd
mail-offer-declined-subject = { $by } tackade nej: { $process }
mail-offer-declined-text =
    { $by } tackade nej till att facilitera dialogprocessen { $process }. Orsak: { $reason }

    Beställningen återgick till kön. Nästa förslag finns på beställningens förslagssida: { $link }
queue-next = Nästa förslag: { $name }
queue-next-none = Ingen att föreslå
queue-declined = { $count ->
    [one] En tackade nej
   *[other] { $count } tackade nej
}
queue-volunteers = { $count ->
    [one] En anmälde sig
   *[other] { $count } anmälde sig
}
open-title = Öppna beställningar
open-intro = De här beställningarna väntar på en facilitator, och du kunde ta dem. En anmälan binder inte: koordinatorn bestämmer, och den som anmält sig beaktas i förslagen.
open-none = Ingen beställning i kön passar dig just nu.
open-volunteer = Jag anmäler mig: { $process }
open-withdraw = Ta tillbaka anmälan: { $process }
open-volunteered = Du har anmält dig.
open-sessions = Tillfällen: { $dates }
open-declined = Du tackade nej till beställningen. Den återgick till kön.
net-awaiting-answer = väntar på ditt svar

## Facilitation hours recorded after sessions (part 9)
net-col-corrected = Utfört
hours-link = Utförda faciliteringstimmar
hours-title = Utförda timmar: { $process }
hours-intro = Registrera efter varje hållet tillfälle hur länge det verkligen tog facilitatorns tid, förberedelserna inräknade. De registrerade timmarna ersätter den planerade längden i månadens belastning.
hours-whose = Timmarna registreras för facilitatorn { $name }.
hours-none = Inget av planens tillfällen har börjat ännu.
hours-back = Tillbaka till processen
hours-planned = planerat { $hours }
hours-recorded = registrerat { $hours }
hours-field = Utförda timmar: { $title }
hours-hint = I timmar, till exempel 2 eller 2,5.
hours-save = Spara timmarna: { $title }
hours-saved = Timmarna har sparats.
hours-error-not-held = Timmar registreras bara för ett tillfälle i planen som har börjat.
hours-error-no-facilitator = Processen har ingen facilitator att registrera timmarna för.

## Joint assignment of the queue (part 9)
batch-link = Fördela hela kön på en gång
batch-title = Gemensam fördelning av kön
batch-intro = Förslaget ger köns beställningar facilitatorer på en gång så att helheten blir bäst: ingen överskrider sin kapacitet för månaden, får överlappande tillfällen eller sin egen enhets beställning, och belastningen fördelas jämnt. Ta bort krysset vid ett par du inte vill ha; de valda erbjuds facilitatorerna, som tar emot dem eller tackar nej.
batch-empty = Det finns inga beställningar i kön.
batch-summary = { $joint } / { $total } beställningar får en facilitator (en i taget: { $greedy }).
batch-pairs = Föreslagna par
batch-nobody = ingen ledig
batch-proposals = Förslag: { $process }
batch-offer = Erbjud de valda
batch-offered = { $count ->
    [one] En beställning erbjöds en facilitator.
   *[other] { $count } beställningar erbjöds facilitatorer.
}
batch-stale = { $count ->
    [one] Ett valt par passade inte längre, eftersom kön eller nätverket ändrades under tiden.
   *[other] { $count } valda par passade inte längre, eftersom kön eller nätverket ändrades under tiden.
}
net-awaiting = svar väntas
open-error-declined = Du tackade nej till den här beställningen och kan inte anmäla dig till den.
mail-kind-offer-withdrawn = En beställning som erbjöds dig gick till någon annan
mail-offer-withdrawn-subject = Beställningen gick till någon annan: { $process }
mail-offer-withdrawn-text =
    Dialogprocessen { $process }, som du erbjöds, gick till en annan facilitator innan du svarade. Du behöver inte svara.

    Beställningarna som väntar i kön finns på din egen sida: { $link }
