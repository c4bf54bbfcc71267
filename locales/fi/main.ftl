# vuoro: Finnish interface texts. Finnish is the default language; sv and en define every key here.

lang-name = suomi
brand = vuoro
skip-to-content = Siirry sisältöön
nav-main = Päävalikko
nav-language = Kieli
nav-home = Etusivu
nav-methods = Menetelmät
nav-organisations = Organisaatiot
logout = Kirjaudu ulos
footer-text = vuoro – dialogit kunnissa ja työyhteisöissä. Avointa lähdekoodia (EUPL-1.2).
not-set = Ei vielä sovittu
minutes = { $minutes } min
back-to = Takaisin: { $title }
form-required-note = Tähdellä (*) merkityt tiedot ovat pakollisia.
form-has-errors = Lomakkeessa on virheitä. Korjaa merkityt kentät.

## Errors
error-title = Jokin meni vikaan
error-home = Etusivulle
error-not-found = Sivua ei löytynyt tai sinulla ei ole oikeutta nähdä sitä.
error-forbidden = Sinulla ei ole oikeutta tähän toimintoon.
error-login-required = Kirjaudu ensin sisään.
error-bad-request = Pyyntö oli virheellinen.
error-malformed-form = Lomakkeen tiedot olivat virheellisiä. Lataa sivu uudelleen ja yritä uudestaan.
error-not-utf8 = Lomakkeessa oli merkkejä, joita ei voitu lukea (ei UTF-8). Tarkista teksti ja yritä uudelleen.
error-csrf = Lomake oli vanhentunut tai se lähetettiin toiselta sivustolta. Lataa sivu uudelleen ja yritä uudestaan.
error-too-large = Lähetetty tieto oli liian suuri.
error-method = Tätä toimintoa ei voi tehdä tällä osoitteella.
error-internal = Palvelussa tapahtui virhe. Mitään tallennettua ei menetetty. Yritä hetken päästä uudelleen.
error-conflict = Joku muu muutti tietoja samaan aikaan. Lataa sivu uudelleen.
error-duplicate = Tämä on jo olemassa.
error-plan-conflict = Suunnitelmaa muutettiin sillä välin, kun muokkasit sitä. Lataa sivu uudelleen, tarkista uusin versio ja tee muutoksesi siihen.
error-invitation-used = Kutsulinkki on jo käytetty tai vanhentunut. Pyydä ylläpitäjältä uusi kutsu.
error-not-a-facilitator = Valittu henkilö ei ole tämän organisaation fasilitaattori.
error-method-locked = Menetelmää ei voi enää vaihtaa, kun osiot ovat alkaneet.
error-no-method = Prosessille ei ole vielä valittu menetelmää.
error-own-admin = Et voi poistaa omaa ylläpitäjän rooliasi.
error-required = Tämä tieto tarvitaan.
error-too-long = Enintään { $max } merkkiä.
error-too-short = Vähintään { $min } merkkiä.
error-invalid = Tarkista tämä tieto.
error-out-of-range = Anna luku väliltä { $min }–{ $max }.

## Log-in and invitations
login-title = Kirjaudu sisään
login-submit = Kirjaudu
login-failed = Sähköpostiosoite tai salasana on väärä.
login-throttled = Liian monta epäonnistunutta kirjautumista tällä sähköpostiosoitteella. Odota 15 minuuttia ja yritä sitten uudelleen.
login-throttled-client = Tästä verkko-osoitteesta on yritetty kirjautua väärin liian monta kertaa. Odota { $minutes } min ja yritä sitten uudelleen.
login-welcome = Tunnuksesi on valmis. Kirjaudu sisään.
field-email = Sähköposti
field-password = Salasana
field-name = Nimi
field-new-password = Uusi salasana
field-new-password-hint = Vähintään { $min } merkkiä. Pitkä lause on hyvä salasana.
field-roles = Roolit
invite-title = Kutsu vuoroon
invite-intro = Sinut on kutsuttu organisaatioon { $org }.
invite-email = Tunnuksesi on sähköpostiosoite { $email }.
invite-existing = Sinulla on jo tunnus. Hyväksy kutsu, niin saat roolit tähän organisaatioon.
invite-accept = Hyväksy kutsu
invite-staff = Kutsu henkilöstöä
invite-staff-intro = Kutsu henkilö sähköpostiosoitteella ja valitse roolit. Saat kutsulinkin, jonka annat hänelle.
invite-send = Luo kutsu
invite-created = Kutsu on luotu. Anna tämä linkki kutsutulle; se näytetään vain nyt.
invite-created-care = Linkillä voi luoda tunnuksen tai lisätä rooleja, joten anna se vain kutsutulle itselleen, älä avaa sitä itse äläkä jaa sitä muille. Linkillä luodun tunnuksen osoite on vahvistamaton: muut organisaatiot voivat antaa sille rooleja vasta, kun pääkäyttäjä on vahvistanut osoitteen.
invite-refused-unconfirmed = Osoitteella { $email } on tunnus, joka on luotu toisen organisaation kutsulinkillä, eikä osoitetta ole vahvistettu. Linkin nähnyt ylläpitäjä on voinut valita tunnuksen salasanan, joten sille ei voi antaa rooleja tästä organisaatiosta. Pyydä palvelun pääkäyttäjää varmistamaan henkilöltä itseltään, että tunnus on hänen, ja vahvistamaan osoite.
invite-login-first = Tällä sähköpostiosoitteella on jo tunnus. Kirjaudu sisään sillä, niin voit hyväksyä kutsun.
invite-login-link = Kirjaudu sisään ja hyväksy kutsu
invite-wrong-account = Olet kirjautunut osoitteella { $current }, mutta kutsu on toiselle osoitteelle. Kirjaudu ulos ja kirjaudu sisään kutsutulla osoitteella.
invite-unconfirmed = Kutsua ei voi hyväksyä: tämän osoitteen tunnus on luotu toisen organisaation kutsulinkillä, eikä osoitetta ole vahvistettu. Pyydä palvelun pääkäyttäjää vahvistamaan osoite.
invite-sso = Hyväksy kutsu kirjautumalla organisaation tunnuksella
invite-sso-hint = Kirjaudut organisaatiosi kirjautumispalvelussa. Jos palvelu kertoo saman vahvistetun sähköpostiosoitteen, johon kutsu lähetettiin, tunnuksesi luodaan ja kutsu hyväksytään.
invite-password-title = Tai luo tunnus salasanalla
invite-password-off = Tämä organisaatio ei käytä salasanalla kirjautumista. Hyväksy kutsu kirjautumalla organisaation tunnuksella.
member-unconfirmed = Henkilön { $name } osoitetta ei ole vahvistettu: tunnus on luotu kutsulinkillä.
member-confirm = Vahvista henkilön { $name } osoite
member-confirm-hint = Vahvista vain, kun olet varmistanut henkilöltä itseltään, että hän käyttää tätä tunnusta. Sen jälkeen muutkin organisaatiot voivat kutsua hänet.
role-changes-title = Roolimuutokset
role-changes-none = Rooleja ei ole vielä muutettu.
role-change-line = { $at }: { $user }, { $before } → { $after } ({ $via }; muutti { $actor })
role-changes-no-roles = ei rooleja
role-changes-self-grant = pääkäyttäjä antoi roolin itselleen
role-via-invitation = kutsu hyväksyttiin
role-via-members = roolien muutos
role-via-new_organisation = organisaation perustaminen
invitations-title = Kutsut
invitation-pending = Odottaa
invitation-accepted = Hyväksytty
invitation-expired = Vanhentunut

## Accounts by e-mail: invitations, password resets, confirming an address
login-forgot = Unohditko salasanan?
login-password-set = Salasanasi on vaihdettu, ja tunnuksen kaikki kirjautumiset päättyivät. Kirjaudu sisään uudella salasanalla.
login-welcome-confirm = Tunnuksesi on valmis. Sähköpostiisi lähetettiin linkki, jolla vahvistat osoitteesi; sen jälkeen muutkin organisaatiot voivat antaa sinulle rooleja. Kirjaudu sisään.
password-forgot-title = Unohtunut salasana
password-forgot-intro = Kirjoita tunnuksesi sähköpostiosoite. Lähetämme siihen linkin, jolla valitset uuden salasanan. Linkki toimii tunnin ja vain kerran.
password-forgot-submit = Lähetä linkki
password-forgot-sent = Jos osoitteella on tunnus, siihen on matkalla linkki salasanan vaihtamiseen. Katso tarvittaessa myös roskapostikansio. Linkki toimii tunnin.
password-forgot-throttled = Linkkiä on pyydetty liian monta kertaa. Odota { $minutes } min ja yritä sitten uudelleen.
password-back-to-login = Takaisin kirjautumiseen
password-reset-title = Vaihda salasana
password-reset-intro = Valitse uusi salasana tunnukselle { $email }.
password-reset-submit = Vaihda salasana
password-set-ends-logins = Samalla tunnuksen kaikki kirjautumiset päättyvät: tämän jälkeen tunnusta käyttää vain se, joka tietää uuden salasanan.
password-link-gone = Linkki on vanhentunut tai jo käytetty. Jokainen linkki toimii vain kerran ja rajatun ajan.
password-link-gone-again = Pyydä uusi linkki
address-confirm-title = Vahvista sähköpostiosoitteesi
address-confirm-intro = Vahvista, että osoite { $email } on sinun, valitsemalla tunnuksellesi salasana. Voit valita saman salasanan kuin ennenkin. Kun osoite on vahvistettu, muutkin organisaatiot voivat antaa sinulle rooleja.
address-confirm-submit = Vahvista osoite
invite-staff-intro-mail = Kutsu henkilö sähköpostiosoitteella ja valitse roolit. Kutsulinkki lähetetään sähköpostilla vain hänelle.
invite-send-mail = Lähetä kutsu
invite-mailed = Kutsu lähetettiin sähköpostilla osoitteeseen { $email }. Linkki menee vain hänelle, ja kutsulla luodun tunnuksen osoite on samalla vahvistettu.
invitations-mail = Sähköposti
invitation-mail-waiting = Lähdössä
invitation-mail-failing = Lähetys ei ole vielä onnistunut; yritetään uudelleen
invitation-mail-refused = Osoite ei ota postia vastaan; tarkista osoite ja kutsu uudelleen
invitation-mail-sent = Lähetetty
invitation-mail-none = Linkki annettiin käsin

## Roles
role-admin = Ylläpitäjä
role-coordinator = Koordinaattori
role-orderer = Tilaaja
role-facilitator = Fasilitaattori

## Front page
home-title = Oma etusivu
home-no-roles = Sinulla ei ole vielä rooleja missään organisaatiossa. Pyydä ylläpitäjältä kutsu.
home-sign-on-required = Tämä organisaatio on ottanut salasanalla kirjautumisen pois käytöstä. Kirjaudu organisaation tunnuksella nähdäksesi sen prosessit.
home-your-roles = Roolisi:
home-order = Tilaa dialogi
home-queue = Tilausjono
home-all-processes = Kaikki prosessit
home-manage = Hallinnoi organisaatiota
home-facilitating = Fasilitoimasi prosessit
home-ordered = Tilaamasi prosessit
home-continue = Jatka: { $title }

## Organisations
orgs-none = Organisaatioita ei ole vielä.
org-create = Luo organisaatio
org-name = Organisaation nimi
units-title = Yksiköt
units-none = Yksiköitä ei ole vielä.
unit-name = Yksikön nimi
unit-create = Lisää yksikkö
members-title = Henkilöstö ja roolit
roles-save = Tallenna roolit: { $name }

## Methods
methods-intro = Menetelmäkirjasto. Fasilitaattori voi sovittaa menetelmän kysymykset ja kestot kullekin prosessille.
method-phases = { $count ->
    [one] { $count } osio
   *[other] { $count } osiota
}
method-total-minutes = Kesto yhteensä noin { $minutes } min.
method-ground-rules = Pelisäännöt
method-version = Versio { $version }
method-group-size = Ryhmän koko { $range } henkeä
method-not-chosen = Menetelmä valitaan, kun toteutuksesta sovitaan
method-adapted-from = Sovitettu menetelmästä { $name } (versio { $version })
group-format-circle = koko piiri
group-format-pairs = parit
group-format-tables = pöydät
group-format-open_space = avoin tila
group-format-solo = yksin
session-role-facilitator = fasilitaattori
session-role-note_taker = kirjuri
session-role-table_host = pöytäisäntä

## Formats, participants, languages
format-face_to_face = Kasvokkain
format-online = Verkossa
format-hybrid = Hybridi
kind-staff = Henkilöstö
kind-residents = Asukkaat
kind-pupils = Oppilaat
kind-parents = Vanhemmat
kind-clients = Asiakkaat
kind-other = Muut
plang-fi = suomi
plang-sv = ruotsi
plang-en = englanti
plang-ar = arabia
plang-so = somali
plang-other = muu kieli

## Order
order-title = Tilaa dialogiprosessi
order-intro = Kerro, kenelle dialogi on ja miksi. Koordinaattori osoittaa prosessille fasilitaattorin ja sovitte yhdessä, miten dialogi toteutetaan.
order-community = Työyhteisö tai ryhmä
order-community-hint = Esimerkiksi ”Kotihoidon tiimi 3” tai ”Koulun 8. luokat”.
order-unit = Yksikkö
order-unit-none = Ei yksikköä
order-reason = Miksi nyt?
order-reason-hint = Mikä tilanne tai muutos tekee dialogista ajankohtaisen?
order-outcome = Mitä toivotte dialogin tuovan?
order-outcome-hint = Esimerkiksi yhteinen ymmärrys, hyvät käytännöt tai kehittämiskohteet.
order-timing = Aikataulu
order-timing-hint = Karkea toive, esimerkiksi ”helmi–maaliskuu”.
order-participant-count = Osallistujien määrä
order-participant-count-hint = Arvio riittää.
order-participant-kinds = Keitä osallistujat ovat?
order-languages = Osallistujien kielet
order-format = Toteutustapa
order-method = Menetelmä
order-method-hint = Jos et tiedä, valitse ”Neuvokaa minua”: fasilitaattori ehdottaa sopivaa.
order-needs-outsider = Ulkopuolinen fasilitaattori
order-needs-outsider-yes = Yhteisö tarvitsee oman organisaation ulkopuolisen fasilitaattorin
order-needs-outsider-hint = Esimerkiksi johtoryhmä, hallitus tai kriisissä oleva yhteisö, jossa jokainen kollega on osapuoli. Fasilitaattoria ehdotetaan silloin kumppaniorganisaatiosta.
order-method-advise = Neuvokaa minua
order-submit = Lähetä tilaus

## Process lists
list-title = Organisaation prosessit
list-queue-title = Tilausjono: fasilitaattoria odottavat
list-count = { $count ->
    [0] Ei prosesseja.
    [one] { $count } prosessi.
   *[other] { $count } prosessia.
}
filter-title = Rajaa prosesseja
filter-any = Kaikki
filter-from = Istuntopäivä alkaen
filter-to = Istuntopäivä viimeistään
filter-apply = Rajaa
filter-error = Rajauksessa oli virheellinen arvo.
col-process = Prosessi
col-state = Tila
col-unit = Yksikkö
col-method = Menetelmä
col-facilitator = Fasilitaattori
col-sessions = Istunnot
facilitator-none = Ei vielä osoitettu
sessions-none = Ei istuntoja vielä

## States and transitions
state-ordered = Tilattu
state-agreed = Sovittu
state-phase1 = Osio 1
state-phase2 = Osio 2
state-summary = Kooste
state-closed = Päättynyt
state-cancelled = Peruttu
transition-agree = Vahvista sopimus
transition-start_phase1 = Aloita osio 1
transition-start_phase2 = Aloita osio 2
transition-start_summary = Siirry koosteeseen
transition-close = Päätä prosessi
transition-cancel = Peru prosessi
transition-error-not-from = Tätä siirtymää ei voi tehdä prosessin nykyisessä tilassa.
transition-error-no-facilitator = Prosessilla ei ole vielä fasilitaattoria.
transition-error-no-method = Suunnitelmasta puuttuu menetelmä.
transition-error-no-session = Suunnitelmassa ei ole yhtään istuntoa.
transition-error-not-approved = Tilaajan ja fasilitaattorin on molempien hyväksyttävä suunnitelman nykyinen versio.
transition-error-single-phase = Menetelmässä on vain yksi osio; siirry suoraan koosteeseen.
next-assign-facilitator = Koordinaattori osoittaa prosessille fasilitaattorin.
next-agree-plan = Tilaaja, fasilitaattori ja osallistujien edustajat sopivat suunnitelmasta. Kun se on valmis, tilaaja ja fasilitaattori hyväksyvät sen.
next-confirm-agreement = Suunnitelma on hyväksytty. Fasilitaattori vahvistaa sopimuksen.
next-run-phase1 = Fasilitaattori vetää ensimmäisen osion istunnot ja siirtää prosessin eteenpäin.
next-run-phase2 = Fasilitaattori vetää toisen osion istunnot ja siirtää prosessin koosteeseen.
next-write-summary = Tilaaja kokoaa kuullun yhteen ja päättää prosessin.
next-nothing = Prosessi on päättynyt.

## Part 6: what next follows the real state; asking before closing or cancelling; reopening; advice
transition-reopen = Avaa prosessi uudelleen
transition-error-cancelled-from-unknown = Prosessin historiasta ei löydy tilaa, josta se peruttiin, joten sitä ei voi avata uudelleen.
next-start-phase1 = Suunnitelma on sovittu. Fasilitaattori aloittaa ensimmäisen osion.
next-run-session = Istunto on käynnissä. Fasilitaattori vetää sitä istunnon omalla sivulla.
next-open-session = Tämän osion istuntoja on vielä pitämättä. Fasilitaattori avaa seuraavan, kun osallistujat ovat paikalla.
next-plan-session = Suunnitelmassa ei ole tämän osion istuntoja. Lisää istunto suunnitelmaan.
next-curate-themes = Ensimmäisen osion istunnot on pidetty. Fasilitaattori kokoaa muistiinpanoista teemat, joita toisessa osiossa työstetään, ja aloittaa sitten toisen osion.
next-start-summary = Istunnot on pidetty. Fasilitaattori siirtää prosessin koosteeseen.
next-cancelled = Prosessi on peruttu. Jos se peruttiin vahingossa, koordinaattori voi avata sen uudelleen.
next-action-plan = Täydennä suunnitelmaa
next-action-run = Jatka istuntoa: { $title }
next-action-plan-session = Lisää istunto suunnitelmaan
next-action-themes = Kokoa ensimmäisen osion teemat
next-action-summary = Kirjoita kooste
process-cancel-reason = Perumisen syy: { $reason }
event-state-reason = { $actor } siirsi prosessin tilaan: { $state }. Syy: { $reason }
event-advice = { $actor } vastasi tilaajan pyyntöön neuvoa menetelmän valinnassa.
confirm-keep = Ei, palaa prosessiin
confirm-cancel-title = Perutaanko prosessi?
confirm-cancel-intro = Peruttu prosessi ei etene, eikä sen suunnitelmaa voi enää muokata. Avoinna oleva istunto päättyy. Jos prosessi perutaan vahingossa, koordinaattori voi avata sen uudelleen.
confirm-cancel-reason = Miksi prosessi perutaan?
confirm-cancel-reason-hint = Syy näkyy prosessin sivulla ja sen historiassa.
confirm-cancel-yes = Kyllä, peru prosessi
confirm-close-title = Päätetäänkö prosessi?
confirm-close-intro = Päätettyä prosessia ei voi siirtää eikä avata uudelleen. Käytäntöjen seuranta jatkuu päättämisen jälkeenkin.
confirm-close-yes = Kyllä, päätä prosessi
advice-title = Tilaaja pyysi neuvoa menetelmän valintaan
advice-waiting = Neuvoa ei ole vielä annettu.
advice-suggested = Ehdotettu menetelmä: { $method }
advice-by = { $name }, { $when }
advice-method = Ehdotettava menetelmä
advice-method-none = Ei tiettyä menetelmää
advice-text = Neuvo tilaajalle
advice-text-hint = Kerro, mikä menetelmä sopisi ja miksi, tai mitä kannattaa vielä selvittää. Tilaaja näkee vastauksen prosessin sivulla.
advice-submit = Lähetä neuvo tilaajalle
error-no-advice-asked = Tilaaja ei pyytänyt tässä tilauksessa neuvoa menetelmän valintaan.
home-queue-waiting = { $count ->
    [0] ei odottavia tilauksia
    [one] 1 tilaus odottaa
   *[other] { $count } tilausta odottaa
}
home-queue-advice = { $count ->
    [one] 1 pyytää neuvoa
   *[other] { $count } pyytää neuvoa
}
plan-save-all = Tallenna suunnitelma
plan-saved-draft-kept = Suunnitelma on tallennettu. Kirjoittamaasi istuntoa ei ole vielä lisätty: se odottaa alla, lisää se painikkeella ”Lisää istunto”.
plan-overrun = Istunnossa { $title } osion { $phase } vaiheet kestävät yhteensä { $stages } minuuttia, mutta istunto kestää { $session } minuuttia. Lyhennä vaiheita tai pidennä istuntoa.
session-delete-confirm = Poistetaanko istunto { $title } suunnitelmasta? Muu kirjoittamasi on tallessa alla. Jos et halua poistaa, jatka muokkaamista.
session-delete-yes = Kyllä, poista istunto { $title }

## Process page
process-steps = Prosessin kulku
process-next = Mitä seuraavaksi
process-people = Henkilöt
process-orderer = Tilaaja
process-order = Tilaus
process-created = Tilattu
process-history = Tapahtumat
assign-label = Fasilitaattori
assign-submit = Osoita fasilitaattori
approve-plan = Hyväksy suunnitelma (versio { $version })
approved-by-orderer = Tilaaja { $name } hyväksyi tämän version { $when }.
approved-by-facilitator = Fasilitaattori { $name } hyväksyi tämän version { $when }.
agree-checklist = Ennen sopimuksen vahvistamista
agree-check-facilitator = Fasilitaattori on osoitettu ja ottanut tilauksen vastaan
agree-check-method = Menetelmä on valittu
agree-check-session = Suunnitelmassa on vähintään yksi istunto
agree-check-orderer = Tilaaja on hyväksynyt suunnitelman nykyisen version
agree-check-facilitator-approved = Fasilitaattori on hyväksynyt suunnitelman nykyisen version
check-done = valmis
check-missing = puuttuu
event-ordered = { $actor } tilasi prosessin.
event-assigned = { $actor } osoitti fasilitaattoriksi: { $facilitator }.
event-plan-saved = { $actor } tallensi suunnitelman version { $version }.
event-approved-orderer = { $actor } hyväksyi tilaajana suunnitelman version { $version }.
event-approved-facilitator = { $actor } hyväksyi fasilitaattorina suunnitelman version { $version }.
event-state = { $actor } siirsi prosessin tilaan: { $state }.

## Plan
plan-title-version = Suunnitelma, versio { $version }
plan-edit = Muokkaa suunnitelmaa
plan-edit-intro = Jokainen tallennus tekee suunnitelmasta uuden version. Hyväksyntä koskee vain sitä versiota, joka hyväksyttiin.
plan-adapt = Sovita menetelmän kysymykset ja kestot
plan-history = Suunnitelman versiot
plan-fields = Osallistujat, kirjaaminen ja kooste
plan-invited = Ketä kutsutaan
plan-invited-hint = Ketkä osallistuvat ja miten heidät kutsutaan.
plan-representatives = Osallistujien edustajat
plan-representatives-hint = Ketkä osallistujien edustajat olivat mukana sopimassa.
plan-note-taking = Miten kirjataan
plan-note-taking-hint = Esimerkiksi kirjuri, osallistujien omat muistiinpanot tai ei kirjauksia. Kirjauksissa ei ole nimiä.
plan-summary-use = Mitä koosteelle tapahtuu
plan-summary-use-hint = Kuka koosteen tekee, mihin sitä käytetään ja miten osallistujat kuulevat tuloksista.
plan-summary-visibility = Kuka saa nähdä koosteen
visibility-participants = Osallistujat ja prosessin vetäjät
visibility-organisation = Koko organisaatio
visibility-public = Julkinen
plan-method = Menetelmä
plan-method-hint = Menetelmästä tehdään prosessille oma kopio, jota voi sovittaa. Menetelmän vaihtaminen korvaa aiemmat sovitukset.
plan-method-choose = Valitse menetelmä
plan-save = Tallenna
plan-sessions = Istunnot
phase-n = Osio { $n }
session-title = Istunnon nimi
session-phase = Osio
session-date = Päivä
session-start = Alkaa
session-end = Päättyy
session-format = Toteutustapa
session-place = Paikka
session-place-hint = Tarvitaan, kun tavataan kasvokkain.
session-link = Verkkokokouksen linkki
session-link-hint = Tarvitaan verkko- ja hybridi-istunnoissa. Linkin pitää alkaa https://
session-link-open = Avaa kokouslinkki
session-when = Aika
session-where = Paikka
session-calendar = Kalenteri
session-ics = Kalenteritiedosto: { $title }
session-add = Lisää istunto
session-delete = Poista istunto { $title }
adapt-intro = Muuta vaiheiden kestoja ja kysymyksiä tätä prosessia varten. Yksi kysymys riville. Alkuperäinen menetelmä ei muutu.
adapt-duration_min = Kesto (min)
adapt-prompts = Kysymykset
adapt-prompts-hint = Yksi kysymys riville.
version = Versio
version-author = Tekijä
version-time = Aika
version-current = nykyinen

## Live sessions
live-title = Istunto käynnissä
live-title-closed = Istunto on päättynyt
live-open-session = Avaa istunto: { $title }
live-runs = Avatut istunnot
live-run-open = avoinna
live-run-closed = päättynyt
live-run-link = { $title } ({ $when })
live-code = Liittymiskoodi
live-join-at = Osallistujat liittyvät puhelimella osoitteessa
live-projector = Avaa projektorinäkymä (uusi ikkuna)
live-exports = Muistiinpanojen lataus
live-exports-hint = Tiedostoissa ovat prosessin kaikkien istuntojen muistiinpanot ilman kenenkään nimeä.
live-export-csv = Lataa muistiinpanot (CSV)
live-export-json = Lataa muistiinpanot (JSON)
live-projector-title = Projektorinäkymä
live-qr-label = QR-koodi osoitteeseen { $url }
live-participants = { $count ->
    [one] { $count } osallistuja
   *[other] { $count } osallistujaa
}
live-active = { $count ->
    [one] { $count } puhelin aktiivisena (viimeiset 5 min)
   *[other] { $count } puhelinta aktiivisena (viimeiset 5 min)
}
live-joining-locked = Liittyminen on suljettu: uudet puhelimet eivät pääse mukaan, mukana olevat jatkavat.
live-lock-joining = Sulje liittyminen
live-open-joining = Avaa liittyminen
live-remove-open = Poista puhelin…
live-remove-number = Puhelimen numero istunnossa
live-remove-number-hint = Numero näkyy puheenvuorojonossa ja kahvilan pöydissä.
live-remove-note = Poista tämän kirjoittanut puhelin…
live-remove-title = Poistetaanko puhelin istunnosta?
live-remove-which = Puhelin numero { $n }
live-remove-wrote = Puhelin, joka kirjoitti:
live-remove-explain = Puhelin ei enää pääse tähän istuntoon eikä voi kirjoittaa siihen. Sen muistiinpanot jäävät. Kuka sitä käytti, ei selviä.
live-remove-confirm = Poista puhelin
live-remove-cancel = Peruuta
live-remove-unknown = Tällä numerolla ei ole puhelinta tässä istunnossa.
live-stage = Vaihe { $n }/{ $count }
live-question = Kysymys { $n }/{ $count }
live-no-question = Tässä vaiheessa ei ole kysymystä.
live-timer = Aikaa jäljellä
live-start = Käynnistä ajastin
live-pause = Pysäytä ajastin
live-extend = Lisää 5 minuuttia
live-next = Seuraava
live-previous = Edellinen
live-close = Päätä istunto
live-controls = Istunnon ohjaus
live-ground-rules = Pelisäännöt
live-board = Muistiinpanot
live-board-empty = Ei vielä muistiinpanoja.
live-closed = Istunto on päättynyt. Liittymiskoodi ei enää toimi.
error-live-closed = Istunto on jo päättynyt.
error-feedback-final = Palautelomaketta ei voi avata uudelleen: sulkeminen on lopullista.
note-star = Merkitse tähdellä
note-unstar = Poista tähti
note-hide = Piilota
note-show = Näytä
note-edit = Korjaa
note-hidden-mark = Piilotettu taululta ja projektorilta
note-starred-mark = Tähdellä merkitty
note-edit-title = Korjaa muistiinpanoa
note-edit-label = Muistiinpanon teksti
note-edit-hint = Korjaa kirjoitusvirheet. Alkuperäinen teksti säilyy historiassa.
note-edit-save = Tallenna korjaus
note-edit-back = Takaisin istuntoon
note-history-title = Muutoshistoria
note-history-none = Muistiinpanoa ei ole muutettu.
note-history-hide = { $who } piilotti muistiinpanon { $when }.
note-history-show = { $who } palautti muistiinpanon näkyviin { $when }.
note-history-star = { $who } merkitsi muistiinpanon tähdellä { $when }.
note-history-unstar = { $who } poisti tähden { $when }.
note-history-edit = { $who } korjasi tekstin { $when }: ”{ $old }” → ”{ $new }”.
live-feedback-open = Avaa palautelomake
live-feedback-close = Sulje palautelomake
live-feedback-close-warning = Sulkeminen on lopullista: lomaketta ei voi avata uudelleen, eikä vastauksia oteta enää vastaan. Tulokset näytetään, jos vastaajia on vähintään viisi.
live-feedback-close-confirm = Sulje palautelomake lopullisesti
live-feedback-is-open = Palautelomake on auki puhelimissa. Vastauksia tähän mennessä: { $count }.
live-feedback-results = { $count ->
    [one] Palautteen tulokset ({ $count } vastaus)
   *[other] Palautteen tulokset ({ $count } vastausta)
}
live-run-feedback = Palaute
fb-results-title = Istunnon palaute
fb-responses = { $count ->
    [0] Ei vastauksia.
    [one] { $count } vastaus.
   *[other] { $count } vastausta.
}
fb-not-yet = Tulokset näytetään, kun palautelomake on suljettu.
fb-too-few = { $count ->
    [0] Kukaan ei vastannut. Tulokset näytetään vasta vähintään viidestä vastauksesta.
    [one] Vastaajia oli vain yksi. Tulokset näytetään vasta vähintään viidestä vastauksesta, jotta kenenkään vastausta ei voi tunnistaa.
   *[other] Vastaajia oli { $count }. Tulokset näytetään vasta vähintään viidestä vastauksesta, jotta kenenkään vastausta ei voi tunnistaa.
}
fb-average = Keskiarvo { $avg } / 5
fb-answered = { $count ->
    [one] { $count } vastaaja
   *[other] { $count } vastaajaa
}
fb-no-answers = Ei vastauksia.
fb-value = Arvo
fb-count = Vastauksia
fb-bar = { $count ->
    [one] { $count } vastaus · { $percent } %
   *[other] { $count } vastausta · { $percent } %
}
number-1 = { NUMBER($n, minimumFractionDigits: 1, maximumFractionDigits: 1) }
plan-feedback-scale = Palautteen väittämät (asteikko 1–5)
plan-feedback-scale-hint = Yksi väittämä riville. Jos jätät tämän ja avoimen kysymyksen tyhjiksi, käytetään oletuksia: ”Minua kuultiin”, ”Keskustelu tuntui turvalliselta”, ”Aihe oli minulle tärkeä” ja avoin kysymys.
plan-feedback-open = Avoin palautekysymys
plan-feedback-open-hint = Esimerkiksi ”Mitä muuta haluat sanoa?”
scribe-open = Kirjurinäkymä: kirjaa keskustelua näppäimistöltä
scribe-title = Kirjurinäkymä
scribe-back = Takaisin istuntoon
scribe-intro = Kirjoita yksi muistiinpano kerrallaan ja paina Enter. Muistiinpanot menevät taululle ilman nimiä.
scribe-note = Muistiinpano
scribe-note-hint = Enter tallentaa ja tyhjentää kentän seuraavaa varten.
scribe-question = Kysymys
scribe-question-hint = Alt+1…9 valitsee kysymyksen näppäimistöltä.
scribe-lang = Kieli, jolla muistiinpano on kirjoitettu
scribe-save = Tallenna muistiinpano
scribe-saved = Tallennettu. Kirjoita seuraava.
scribe-recent = Viimeksi kirjatut
live-meeting = Verkkokokous:
live-hands = Puheenvuorojono
live-hands-none = Kukaan ei ole pyytänyt puheenvuoroa.
live-participant-n = Osallistuja { $n }
live-give-turn = Anna puheenvuoro
cafe-title = Learning café
cafe-intro = Jaa osallistujat pöytiin. Jokaisella pöydällä on oma kysymys ja halutessasi isäntä. Osallistujat vaihtavat pöytää joka kierroksella niin, että he tapaavat mahdollisimman monta eri ihmistä.
cafe-questions = Pöytien kysymykset
cafe-questions-hint = Yksi kysymys riville; jokainen rivi on yksi pöytä (enintään 26).
cafe-rounds = Kierroksia
cafe-setup = Perusta pöydät
cafe-not-started = Kierrokset eivät ole vielä alkaneet. Valitse pöydille isännät ja aloita ensimmäinen kierros.
cafe-round-now = Kierros { $n }/{ $count }
cafe-repeats = Toistuvia kohtaamisia: { $repeats }.
cafe-random = Satunnainen jako antaisi keskimäärin { $random }.
cafe-pairs = Eri pareja on tavannut toisensa: { $pairs }.
cafe-table = Pöytä { $table }
cafe-host = Pöytäisäntä
cafe-host-none = Ei isäntää
cafe-hosts-save = Tallenna isännät
cafe-seated = Tällä kierroksella:
cafe-next = Aloita kierros { $n }
cafe-finished = Kaikki kierrokset on pelattu.
error-no-cafe = Tässä istunnossa ei ole learning caféta.
error-cafe-finished = Kaikki kierrokset on jo pelattu.
error-cafe-too-few = Pöytiä on enemmän kuin osallistujia. Odota, että useampi liittyy.
live-share-previous = Näytä edellisen istunnon palaute osallistujille
live-unshare-previous = Piilota edellisen istunnon palaute
note-merged-mark = Yhdistetty toiseen muistiinpanoon
note-duplicates = { $count ->
    [one] Tähän on yhdistetty { $count } samanlainen muistiinpano
   *[other] Tähän on yhdistetty { $count } samanlaista muistiinpanoa
}
note-merge-title = Yhdistä kaksoiskappale
note-merge-label = Yhdistä tämä muistiinpano tähän
note-merge-hint = Tämä muistiinpano piilotetaan ja lasketaan valitun muistiinpanon kaksoiskappaleeksi. Teksti säilyy historiassa.
note-merge-submit = Yhdistä
note-history-merge = { $who } yhdisti muistiinpanon toiseen { $when }.
note-table-mark = Pöytä { $table }
note-move-title = Siirrä toiseen pöytään
note-move-label = Pöytä
note-move-submit = Siirrä
note-history-move = { $who } siirsi muistiinpanon toiseen pöytään tai ryhmään { $when }.
fb-per-phase = Palaute osioittain
fb-statement = Väittämä
fb-average-col = Keskiarvo (1–5)
fb-phase-withheld = { $count ->
    [one] Yksi vastaus istunnoista, joissa vastaajia oli alle viisi, ei ole mukana.
   *[other] { $count } vastausta istunnoista, joissa vastaajia oli alle viisi, eivät ole mukana.
}
os-title = Open space
os-intro = Osallistujat ehdottavat itse aiheet ja valitsevat, mihin ryhmään menevät. Kirjoita ensin ajat ja tilat; aiheiden tori avautuu osallistujien puhelimiin heti.
os-slots = Ajat
os-slots-hint = Yksi aika riville, esimerkiksi 10.00–10.45 (enintään 8).
os-spaces = Tilat
os-spaces-hint = Yksi tila riville, esimerkiksi Sali A. Verkossa kirjoita nimen perään pienryhmähuoneen linkki (enintään 20).
os-setup = Avaa aiheiden tori
os-save = Tallenna ajat ja tilat
os-edit = Muokkaa aikoja ja tiloja
os-marketplace-is-open = Aiheiden tori on auki: osallistujat voivat ehdottaa aiheita.
os-marketplace-is-closed = Aiheiden tori on suljettu.
os-marketplace-open = Avaa aiheiden tori
os-marketplace-close = Sulje aiheiden tori
os-running = Ryhmät kokoontuvat nyt: { $slot }
os-slot = Aika
os-run = Aloita ryhmät
os-end = Päätä ryhmätyö
os-schedule = Aikataulu
os-time = Aika
os-now = nyt
os-free = vapaa
os-picks = { $count ->
    [one] { $count } menossa
   *[other] { $count } menossa
}
os-topics = { $count ->
    [one] { $count } aihe
   *[other] { $count } aihetta
}
os-no-topics = Aiheita ei ole vielä ehdotettu.
os-hidden-mark = piilotettu
os-place = Aika ja tila
os-unplaced = Ei aikataulussa
os-place-save = Sijoita
os-topic-hide = Piilota
os-topic-show = Näytä
os-add-topic = Lisää aihe
os-add-topic-hint = Esimerkiksi aihe, jonka joku sanoi ääneen.
os-add-topic-button = Lisää aihe
os-topics-full = Istunnossa on jo niin monta aihetta kuin mahtuu.
os-cell-taken = Tähän aikaan ja tilaan sijoitettiin juuri toinen aihe. Valitse toinen.
# The runner's set-up view, ending a café and the group work, asking before ending a session
live-setup-open = Valmistele learning café tai open space
live-setup-title = Ryhmätyön valmistelu
live-setup-back = Takaisin istunnon ohjaukseen
live-joining = Liittyminen
live-close-ask = Päätä istunto…
live-close-warning = Päättämistä ei voi perua: liittymiskoodi lakkaa toimimasta, eivätkä puhelimet voi enää kirjoittaa. Muistiinpanot säilyvät.
cafe-end = Päätä learning café
cafe-ended = Learning café on päättynyt. Puhelimet eivät enää näytä pöytiä, ja uudet muistiinpanot vastaavat vaiheen kysymykseen.
cafe-hosted-by = isäntä: osallistuja { $n }
cafe-hosts-edit = Pöydät ja isännät
os-ended = Ryhmätyö on päättynyt.
os-end-slot = Päätä tämän ajan ryhmät
os-topics-edit = Aiheet ja aikataulu
error-no-open-space = Tässä istunnossa ei ole open spacea.
note-topic-mark = Aihe: { $topic }
note-move-topic-title = Siirrä toiseen ryhmään
note-move-topic-label = Aihe
note-move-topic-none = Ei ryhmää
event-themes-proposed = { $actor } teetti teemaehdotuksen (versio { $version }).
event-themes-curated = { $actor } muokkasi teemoja (versio { $version }).
event-practice-saved = { $actor } kirjasi käytännön.
event-practice-status = { $actor } päivitti käytännön tilaksi: { $status }.
practice-status-agreed = sovittu
practice-status-in_progress = käynnissä
practice-status-done = tehty
practice-status-dropped = luovuttu
os-default-slot = Kierros 1
os-default-space = Tila { $n }
themes-title = Teemat
themes-scopes = Mistä muistiinpanoista
themes-scope-process = Koko prosessi
themes-scope-phase = Osio { $n }
themes-scope-session = Istunto { $when }
themes-notes = { $count ->
    [one] { $count } muistiinpano
   *[other] { $count } muistiinpanoa
}
themes-notes-in-scope = { $count ->
    [one] Tässä on { $count } muistiinpano.
   *[other] Tässä on { $count } muistiinpanoa.
}
themes-version = versio { $version }
themes-curated = muokattu
themes-proposed = koneen ehdotus
themes-none = Teemoja ei ole vielä. Teemaehdotus ryhmittelee muistiinpanot niiden omien sanojen mukaan; voit sitten nimetä, yhdistää ja jakaa teemoja.
themes-propose = Ehdota teemoja
themes-propose-again = Ehdota teemoja uudelleen
themes-no-notes = Tässä ei ole vielä muistiinpanoja, joista ehdottaa teemoja.
themes-confirm-title = Korvataanko muokatut teemat?
themes-confirm-text = Olet muokannut näitä teemoja. Uusi ehdotus tulee niiden tilalle; nykyiset teemat säilyvät aiempana versiona.
themes-confirm-yes = Kyllä, tee uusi ehdotus
themes-confirm-no = Peruuta
themes-add-new = { $count ->
    [one] Ota mukaan { $count } uusi muistiinpano
   *[other] Ota mukaan { $count } uutta muistiinpanoa
}
themes-representative = Kuvaavimmat muistiinpanot
themes-all-notes = Kaikki teeman muistiinpanot
themes-label = Teeman nimi
themes-rename = Nimeä
themes-merge-into = Yhdistä teemaan
themes-merge = Yhdistä
themes-remove = Poista teema
themes-split-label = Uuden teeman nimi
themes-split = Erota valitut
themes-split-hint = Valitse alta muistiinpanot, jotka siirtyvät uuteen teemaan.
themes-move-to = Siirrä teemaan
themes-move = Siirrä
themes-unsorted = { $count ->
    [one] { $count } lajittelematon muistiinpano
   *[other] { $count } lajittelematonta muistiinpanoa
}
themes-unsorted-hint = Nämä eivät osuneet mihinkään teemaan. Siirrä ne teemaan tai jätä tähän.
themes-unsorted-option = Lajittelemattomiin
themes-unplaced-lang = Kieli: { $lang } ({ $count ->
    [one] { $count } muistiinpano
   *[other] { $count } muistiinpanoa
})
themes-unplaced-too-few = Tällä kielellä kirjoitettiin liian vähän muistiinpanoja omiksi teemoikseen. Lue ne ja siirrä kukin teemaan, johon se kuuluu.
themes-error-label = Anna teemalle nimi (enintään 200 merkkiä).
themes-error-no-note = Valitse ensin muistiinpanot.
themes-error-too-many = Teemoja on jo enimmäismäärä.
themes-error-theme = Valitse toinen teema.
themes-error-stale = Joku muu muokkasi teemoja samaan aikaan. Tässä uusin versio; tee muutoksesi uudelleen.
themes-error-choose = Valitse ainakin yksi teema.
themes-error-cafe-exists = Istunnossa on jo learning café.
themes-old-version = Tämä on teemojen versio { $version }.
themes-latest = Näytä uusin versio
themes-to-session = Teemoista osion 2 työskentelyyn
themes-to-session-hint = Valitut teemat tulevat avoimen istunnon learning café -pöydiksi tai open space -aiheiksi yhdellä kertaa.
themes-choose = Teemat
themes-session = Istunto
themes-session-option = Osio { $phase }, istunto { $session }
themes-as = Muoto
themes-as-cafe = Learning café -pöydät
themes-as-open-space = Open space -aiheet
themes-to-session-submit = Vie istuntoon
themes-open = Teemat: mistä muistiinpanoissa puhuttiin
themes-save = Tallenna muutokset
themes-list = Teemat tällä sivulla
themes-choose-hint = Valitse muistiinpanot valintaruuduilla ja siirrä ne kerralla: teeman omalla painikkeella tai sivun alareunan siirtopalkilla.
themes-move-here = Siirrä valitut tähän teemaan
themes-move-chosen-title = Valitut muistiinpanot
themes-new-option = Uusi teema…
themes-new-hint = Kun siirrät uuteen teemaan, anna sille nimi.
themes-remove-title = Poistetaanko teema ”{ $label }”?
themes-remove-text = { $count ->
    [one] Teeman { $count } muistiinpano siirtyy lajittelemattomiin; mitään ei poisteta.
   *[other] Teeman { $count } muistiinpanoa siirtyvät lajittelemattomiin; mitään ei poisteta.
}
themes-remove-yes = Kyllä, poista teema
themes-remove-no = Älä poista
themes-to-session-none = Suunnitelmassa ei ole vielä osion 2 istuntoa.
themes-to-session-plan = Lisää istunto suunnitelmaan
themes-session-open = { $title } (käynnissä)
themes-session-planned = { $title } (avataan nyt)
themes-choose-count = { $count ->
    [one] Mukaan tulee { $count } teema: valitse
   *[other] Mukaan tulevat kaikki { $count } teemaa: valitse
}
themes-phase2-later = Osion 2 työskentely alkaa, kun osio 1 on päättynyt. Osio 2 aloitetaan prosessin sivulta; sen jälkeen teemat viedään istuntoon tästä.
practices-title = Käytännöt
practices-open = Käytännöt ja niiden seuranta
practices-intro = Mitä työyhteisö sopi: mitä pidämme yllä ja vahvistamme, mitä kehitämme, kuka vie asiaa eteenpäin ja mihin mennessä. Päivitä tila, kun asia etenee.
practices-none = Ei vielä käytäntöjä.
practice-kind = Laji
practice-kind-keep = Pidämme yllä ja vahvistamme
practice-kind-develop = Kehitämme
practice-title = Käytäntö
practice-owner = Kuka vie eteenpäin
practice-owner-hint = Rooli tai nimi, esimerkiksi tiimivastaava.
practice-due = Mihin mennessä
practice-group-mark = Ryhmä: { $group }
practice-owner-mark = Vie eteenpäin: { $owner }
practice-no-owner = Vastuuhenkilöä ei ole nimetty
practice-due-mark = mennessä { $due }
practice-overdue = myöhässä
practice-status = Tila
practice-status-save = Päivitä
practice-edit = Korjaa käytäntöä
practice-save = Tallenna
practice-add = Lisää käytäntö
practice-add-submit = Lisää
summary-open = Kooste
summary-title = Kooste
summary-none = Koostetta ei ole vielä laadittu. Luonnos kootaan teemoista, niiden kuvaavimmista muistiinpanoista, käytännöistä ja palautteesta; voit sitten muokata sitä vapaasti.
summary-draft = Laadi luonnos
summary-h-heard = Mitä kuulimme
summary-no-themes = Teemoja ei ole vielä koottu. Kokoa ne muistiinpanoista teemasivulla.
summary-theme-notes = { $count ->
    [one] Teemasta kirjattiin { $count } muistiinpano.
   *[other] Teemasta kirjattiin { $count } muistiinpanoa.
}
# Introduces a theme's example notes, only when at least one follows.
summary-theme-examples = Esimerkkejä:
summary-h-practices = Sovitut käytännöt
summary-h-feedback = Palaute
summary-feedback-answers = { $count ->
    [one] { $count } vastaus
   *[other] { $count } vastausta
}
summary-h-next = Mitä seuraavaksi
summary-next-placeholder = Kerro tässä, miten koostetta ja käytäntöjä käytetään jatkossa.
summary-state-draft = luonnos
summary-state-review = osallistujien kommentoitavana
summary-state-published = julkaistu
summary-history = Koosteen versiot
summary-history-row = Versio { $version } ({ $state }): { $who }, { $when }
summary-read-at = Osallistujat lukevat koostetta osoitteessa
summary-exports = Lataa:
summary-kind-heading = Otsikko
summary-kind-paragraph = Kappale
summary-kind-quote = Lainaus
summary-sources = { $count ->
    [one] { $count } lähdemuistiinpano
   *[other] { $count } lähdemuistiinpanoa
}
summary-drop = Poista tämä kohta
summary-new-paragraph = Uusi kappale loppuun
summary-save = Tallenna kooste
summary-to-review = Lähetä osallistujien kommentoitavaksi
summary-to-draft = Palauta luonnokseksi
summary-publish = Julkaise osallistujille
summary-preview = Esikatsele
summary-preview-title = Esikatselu: näin kooste luetaan
summary-preview-note = Tätä ei ole vielä tallennettu. Tallenna tai palaa muokkaamaan; kaikki kirjoittamasi säilyy.
summary-edit-continue = Jatka muokkausta
summary-document = Kooste muokattavana
summary-field-heading = Väliotsikko
summary-field-paragraph = Kappale { $n }: { $section }
summary-field-quote = Lainaus { $n }: { $section }
summary-buttons-hint = Jokainen painike tallentaa myös tekstiin tekemäsi muutokset.
summary-unsaved-title = Kirjoittamasi teksti, jota ei tallennettu
summary-comments = { $count ->
    [one] { $count } kommentti osallistujilta
   *[other] { $count } kommenttia osallistujilta
}
summary-error-block = Kohta { $n }: { $error }
summary-error-too-many = Koosteessa on liian monta kohtaa.
summary-error-stale = Joku muu tallensi koosteen samaan aikaan. Tässä uusin versio; tee muutoksesi uudelleen.
summary-sources-title = Mihin tämä perustuu
summary-back = Takaisin koosteeseen
share-open-page = Jaa kooste koko työyhteisölle linkillä ja QR-koodilla
share-title = Koosteen jakaminen
share-explain = Linkillä koosteen voi lukea jokainen, jolle annat sen, myös ne, jotka eivät liittyneet istuntoon puhelimella. Kun kooste on kommentoitavana, linkin haltija voi myös kommentoida sitä. Linkki näyttää saman kuin osallistujat näkevät: ei luonnosta eikä kenenkään nimeä.
share-revoked-done = Linkki on peruttu. Se ei enää avaa koostetta.
share-made-title = Uusi linkki
share-made-once = Kopioi linkki tai tulosta QR-koodi nyt: linkkiä ei tallenneta, joten sitä ei voi näyttää uudelleen. Jos se katoaa, peru se ja tee uusi.
share-url-label = Koosteen linkki
share-qr-label = QR-koodi, joka avaa koosteen linkin
share-open-link = Avaa jaettu kooste
share-active = Koosteen linkki on käytössä { $since } alkaen.
share-lost = Linkkiä ei näytetä uudelleen. Jos se on kadonnut tai päätynyt vääriin käsiin, peru se ja tee uusi.
share-revoke = Peru linkki
share-revoke-title = Perutaanko linkki?
share-revoke-explain = Linkki lakkaa toimimasta heti: sen haltijat eivät voi enää lukea eivätkä kommentoida koostetta. Jo lähetetyt kommentit säilyvät. Voit tehdä uuden linkin.
share-revoke-confirm = Peru linkki
share-revoke-cancel = Älä peru
share-make = Tee linkki ja QR-koodi
share-not-readable = Koostetta voi jakaa, kun se on lähetetty kommentoitavaksi tai julkaistu.
event-summary-saved = { $actor } tallensi koosteen version { $version } ({ $state }).
event-summary-link-made = { $actor } jakoi koosteen linkillä koko työyhteisölle.
event-summary-link-revoked = { $actor } perui koosteen jakolinkin.
summary-export-orderer = Tilaaja
summary-export-state = Tila
summary-export-date = Päivätty
# The dialogue catalogue
cat-open = Dialogikatalogi
cat-org-title = Dialogikatalogi: { $org }
cat-org-intro = Mihin ja miten organisaatio käyttää dialogia: vuorossa käydyt prosessit lasketaan mukaan itsestään, muu toiminta kirjataan tänne käsin tai tuodaan listauksesta.
cat-completeness = Täydellisyys
cat-completeness-figure = { $percent } % tiedoista on kirjattu
cat-no-gaps = Kaikista kohdista on kirjattu konteksti, menetelmä, määrä ja ajankohta.
cat-entries = { $count ->
    [one] { $count } kohta
   *[other] { $count } kohtaa
}
cat-missing = Puuttuu
cat-missing-context = konteksti
cat-missing-method = menetelmä
cat-missing-count = määrä
cat-missing-period = ajankohta
cat-requests = Täydennyspyynnöt
cat-requests-none = Ei täydennyspyyntöjä.
cat-request-missing = Mitä pyydetään täydentämään
cat-request-message = Viesti
cat-request-send = Lähetä täydennyspyyntö
cat-request-open = avoin
cat-request-resolved = hoidettu
cat-request-resolve = Merkitse hoidetuksi
cat-recorded = Kirjattu toiminta
cat-recorded-none = Ei vielä kirjattua toimintaa.
cat-add = Kirjaa dialogitoimintaa
cat-edit = Muokkaa kirjausta
cat-save = Tallenna
cat-delete = Poista kirjaus
cat-not-public = ei julkinen
cat-processes = Vuorossa käydyt prosessit
cat-processes-intro = Nämä lasketaan katalogiin itsestään, kukin kerran.
cat-processes-none = Vuorossa ei ole vielä käyty prosesseja.
cat-process-public = Dialogiprosessi vuorossa
cat-origin-manual = kirjattu käsin
cat-origin-import = tuotu listauksesta, rivi { $line }
cat-origin-process = vuorossa käyty prosessi
cat-imported-from = Tuotu listauksesta, rivi { $line }: ”{ $text }”
cat-unstructured = Jäsentämättä jääneet rivit
cat-unstructured-intro = Nämä listauksen rivit tuotiin sellaisinaan, koska niistä ei tunnistettu toimintaa.
cat-settings = Julkaiseminen ja perustiedot
cat-settings-save = Tallenna
cat-region = Maakunta
cat-region-hint = Vertaislistauksen rajausta varten, esimerkiksi Pohjois-Pohjanmaa.
cat-trained = Koulutettuja fasilitaattoreita
cat-public = Vertaislistaus
cat-public-yes = Organisaatio näkyy julkisessa vertaislistauksessa ja avoimena datana
cat-publish-processes = Vuoron prosessit
cat-publish-processes-yes = Vuorossa käydyt prosessit lasketaan julkisiin lukuihin (ilman työyhteisöjen nimiä)
cat-text = Kuvaus
cat-text-hint = Organisaation omin sanoin.
cat-status = Tilanne
cat-status-done = Toteutettu
cat-status-planned = Tulossa
cat-contexts = Käyttöyhteys
cat-contexts-hint = Ensimmäinen valittu on pääasiallinen.
cat-topics = Aiheet
cat-tags = Omat tunnisteet
cat-tags-hint = Pilkulla erotettuina.
cat-method = Menetelmä
cat-method-unknown = Ei tiedossa
cat-unit = Yksikkö tai toimiala
cat-target-group = Kohderyhmä
cat-languages = Kielet
cat-format = Toteutustapa
cat-format-unknown = Ei tiedossa
cat-period = Ajankohta
cat-period-hint = Vuosi tai vuodet, esimerkiksi 2021 tai 2019–2021. Jatkuvalle: 2021–
cat-period-from = { $year } alkaen
cat-count = Määrä
cat-count-hint = Kuten sen tiedätte: esimerkiksi 7, noin 10, 10–15 vuodessa.
cat-count-exact = { $n }
cat-count-about = noin { $n }
cat-count-range = { $min }–{ $max }
cat-count-at-least = vähintään { $n }
cat-count-per-year = { $count } vuodessa
cat-activity-public = Julkisuus
cat-activity-public-yes = Kirjaus saa näkyä vertaislistauksessa
# The peer listing
listing-title = Vertaislistaus: dialogi organisaatioissa
listing-intro = Mihin yhteyksiin ja mistä aiheista organisaatiot käyvät dialogeja, kuinka usein ja mitä on tulossa. Listaus kootaan organisaatioiden omista kirjauksista ja vuorossa käydyistä prosesseista; mukana on vain se, minkä organisaatio on julkaissut.
listing-filter = Rajaa
listing-all = Kaikki
listing-year = Vuosi
listing-year-error = Vuosi ei kelpaa: anna vuosi väliltä { $min }–{ $max }. Vuotta ei käytetty rajaukseen.
listing-count = { $count ->
    [one] { $count } kirjaus
   *[other] { $count } kirjausta
}
listing-overall = tiedoista kirjattu { $percent } %
listing-download = Lataa listaus:
listing-charts = Toiminta kuvina
listing-chart-context = Kirjauksia käyttöyhteyksittäin
listing-chart-year = Kirjauksia vuosittain
listing-chart-desc = Pylväskuva; samat luvut ovat alla taulukkona.
listing-chart-table = { $title } taulukkona
listing-chart-label = Ryhmä
listing-chart-value = Kirjauksia
listing-chart-empty = Ei kirjauksia näillä rajauksilla.
listing-compare = Organisaatiot rinnakkain
listing-compare-orgs = Verrattavat organisaatiot
listing-compare-submit = Vertaa
listing-compare-none = Valitse ainakin yksi organisaatio.
listing-none = Ei julkaistuja kirjauksia näillä rajauksilla.
listing-processes = Vuorossa käytyjä prosesseja: { $count }
nav-listing = Vertaislistaus

# Open data API
api-bad-query = Kyselyn parametreja ei voitu lukea.
api-repeated-parameter = Sama parametri annettiin useammin kuin kerran.
api-unknown-parameter = Tuntematon parametri. Sallitut: org, context, method, topic, region, year ja status.
api-bad-org = Organisaation tunniste ei kelpaa.
api-bad-context = Tuntematon toimintaympäristön koodi.
api-bad-method = Tuntematon menetelmän koodi.
api-bad-topic = Tuntematon aiheen koodi.
api-bad-region = Alueen nimi puuttuu tai on liian pitkä.
api-bad-year = Vuoden pitää olla luku väliltä 1950–2100.
api-bad-status = Tilan pitää olla done tai planned.

# Organisation plans
orgplan-open = Suunnitelmat, joihin dialogit tuovat tietoa
orgplan-list-title = Suunnitelmat: { $org }
orgplan-intro = Nimeä organisaation suunnitelmat (esimerkiksi avoimen hallinnon toimintasuunnitelma tai strategia) ja niiden osa-alueet. Liitä dialogiprosesseja osa-alueisiin, niin niiden julkaistut koosteet kertovat, mitä dialogeissa sanottiin kustakin osa-alueesta.
orgplan-plans = Suunnitelmat
orgplan-none = Suunnitelmia ei ole vielä nimetty.
orgplan-area-count = { $count ->
    [one] { $count } osa-alue
   *[other] { $count } osa-aluetta
}
orgplan-process-count = { $count ->
    [one] { $count } liitetty prosessi
   *[other] { $count } liitettyä prosessia
}
orgplan-new = Uusi suunnitelma
orgplan-create = Tallenna suunnitelma
orgplan-name = Suunnitelman nimi
orgplan-name-hint = Esimerkiksi ”Avoimen hallinnon toimintasuunnitelma 2023–2027”.
orgplan-description = Kuvaus
orgplan-areas = Osa-alueet
orgplan-areas-hint = Yksi osa-alue riville, enintään { $max }.
orgplan-areas-too-many = Enintään { $max } osa-aluetta.
orgplan-area-line = Rivi { $line }: { $error }
orgplan-back-to-list = Takaisin suunnitelmiin
orgplan-page-intro = Kunkin osa-alueen alla ovat siihen liitetyt dialogiprosessit ja se, mitä niiden julkaistuissa koosteissa sanottiin.
orgplan-area-empty = Tähän osa-alueeseen ei ole vielä liitetty prosesseja.
orgplan-process-anonymous = Dialogiprosessi
orgplan-said = Mitä dialogissa sanottiin
orgplan-no-summary = Koostetta ei ole vielä julkaistu.
orgplan-summary-not-shared = Prosessin suunnitelma ei jaa koostetta sinulle: se näkyy vain niille, joille koosteen näkyvyys sen sallii.
orgplan-unlink = Poista liitos osa-alueeseen { $area }
orgplan-link = Liitä
orgplan-link-process = Liitä prosessi tähän osa-alueeseen
orgplan-link-area = Liitä suunnitelman osa-alueeseen
orgplan-process-title = Suunnitelmat
orgplan-process-none = Prosessia ei ole liitetty minkään suunnitelman osa-alueeseen.
cat-home-requests = { $count ->
    [one] Dialogikatalogista on pyydetty täydennystä
   *[other] Dialogikatalogista on { $count } täydennyspyyntöä
}
listing-sources = Tuodut listaukset
listing-source-untitled = Nimetön listaus
listing-source-imported = tuotu { $when }

## Notices: the community's addresses
community-title = Yhteisön sähköpostit
community-edit = Muokkaa osoitteita
community-page-title = Koosteen lähettäminen yhteisölle
community-explain = Kun kooste lähetetään kommentoitavaksi ja kun se julkaistaan, jokaiseen tässä annettuun osoitteeseen lähtee viesti, jossa on linkki koosteeseen. Viestissä ei ole kenenkään osallistujan nimeä.
community-addresses = Yhteisön jäsenten sähköpostiosoitteet
community-addresses-hint = Yksi osoite riville. Osoitteet poistetaan, kun kooste julkaistaan.
community-list = Tai yksi postituslistan osoite
community-list-hint = Esimerkiksi tiimin sähköpostilista. Listan osoite säilyy julkaisun jälkeen, koska se ei nimeä ketään.
community-save = Tallenna osoitteet
community-saved = Osoitteet on tallennettu.
community-none = Osoitteita ei ole annettu.
community-is-list = Postituslista { $address } (säilyy julkaisun jälkeen).
community-are-people = { $count ->
    [one] { $count } osoite (poistetaan, kun kooste julkaistaan).
   *[other] { $count } osoitetta (poistetaan, kun kooste julkaistaan).
}
community-deleted = { $count ->
    [one] { $count } osoite poistettiin { $date }, kun kooste julkaistiin.
   *[other] { $count } osoitetta poistettiin { $date }, kun kooste julkaistiin.
}
community-published = Kooste on julkaistu, joten osoitteisiin ei enää lähetetä mitään.
community-mail-off = Sähköposti ei ole käytössä tällä palvelimella, joten viestejä ei lähetetä.
community-error-line = Rivi { $line }: ”{ $text }” ei ole sähköpostiosoite.
community-error-too-many = Anna enintään { $max } osoitetta.
community-error-list = Postituslistan osoite ei ole sähköpostiosoite.
community-error-both = Anna joko jäsenten osoitteet tai yksi postituslistan osoite, ei molempia.
community-mailed = { $count ->
    [one] Kooste lähetettiin yhteisön { $count } osoitteeseen.
   *[other] Kooste lähetettiin yhteisön { $count } osoitteeseen.
}
community-link-renewed = Viesteissä on uusi koosteen linkki. Aiempi linkki ei enää avaa koostetta.
community-deleted-now = { $count ->
    [one] Yhteisön { $count } sähköpostiosoite poistettiin julkaisun yhteydessä.
   *[other] Yhteisön { $count } sähköpostiosoitetta poistettiin julkaisun yhteydessä.
}

## Mail: session-reminder
mail-session-reminder-subject = Muistutus: { $session } { $date }
mail-session-reminder-text =
    Fasilitoit dialogiprosessin { $process } tilaisuuden ”{ $session }” { $date } klo { $time }.

    Paikka: { $place }

    Suunnitelma ja tilaisuuden avaaminen ovat prosessin sivulla: { $link }

## Mail: practice-follow-up
mail-practice-follow-up-subject = Käytännön seurantapäivä: { $practice }
mail-practice-follow-up-text =
    Dialogiprosessissa { $process } sovitun käytännön ”{ $practice }” seurantapäivä on { $date }.

    Kirjaa, miten käytäntö on edennyt: { $link }

## Mail: summary-for-comments
mail-summary-for-comments-subject = Dialogin kooste kommentoitavana: { $process }
mail-summary-for-comments-text =
    Dialogin { $process } kooste on valmiina luettavaksi ja kommentoitavaksi.

    Lue kooste ja kommentoi sitä nimettömästi: { $link }

    Sait tämän viestin, koska dialogin tilaaja antoi osoitteesi koosteen lähettämistä varten. Henkilöiden osoitteet poistetaan, kun kooste julkaistaan.

## Mail: summary-published
mail-summary-published-subject = Dialogin kooste on julkaistu: { $process }
mail-summary-published-text =
    Dialogin { $process } kooste on julkaistu.

    Lue kooste: { $link }

    Sait tämän viestin, koska dialogin tilaaja antoi osoitteesi koosteen lähettämistä varten. Henkilöiden osoitteet on nyt poistettu.
## Mail: settings (the preferences page, the kinds of mail, the footer of mail that can be turned off)
nav-mail-settings = Sähköpostit
mail-prefs-title = Sähköpostiasetukset
mail-prefs-intro = Viestit lähetetään osoitteeseen { $email }.
mail-prefs-kinds = Mistä haluat viestin
mail-prefs-always = Kutsut, salasanan vaihtolinkit ja sähköpostiosoitteen vahvistukset lähetetään aina.
mail-prefs-lang = Viestien kieli
mail-prefs-save = Tallenna asetukset
mail-prefs-saved = Sähköpostiasetukset on tallennettu.
mail-prefs-not-in-use = Tämä palvelu ei vielä lähetä sähköpostia. Asetuksesi otetaan huomioon, kun lähettäminen otetaan käyttöön.
mail-kind-invitation = Kutsu organisaatioon
mail-kind-password-reset = Salasanan vaihtolinkki
mail-kind-address-confirmation = Sähköpostiosoitteen vahvistus
mail-kind-order-assigned = Sinulle tarjotaan prosessia fasilitoitavaksi
mail-kind-plan-awaiting-approval = Prosessin suunnitelma odottaa hyväksyntääsi
mail-kind-session-reminder = Muistutus tilaisuutta edeltävänä päivänä
mail-kind-practice-follow-up = Sovittujen käytäntöjen seurantapäivät
mail-kind-summary-for-comments = Yhteenveto on kommentoitavana
mail-kind-summary-published = Yhteenveto on julkaistu
mail-footer-settings = Voit valita, mistä saat sähköpostia: { $link }

## Mail: order-assigned
mail-order-assigned-subject = Sinulle tarjotaan fasilitoitavaksi: { $process }
mail-order-assigned-text =
    { $by } tarjoaa sinulle dialogiprosessin { $process } fasilitointia.

    Lue tilaus ja vastaa, otatko sen vastaan, prosessin sivulla: { $link }

## Mail: plan-awaiting-approval
mail-plan-awaiting-approval-subject = Suunnitelma odottaa hyväksyntääsi: { $process }
mail-plan-awaiting-approval-text =
    { $author } tallensi dialogiprosessin { $process } suunnitelmaan muutoksia. Uusi versio odottaa hyväksyntääsi.

    Lue suunnitelma ja hyväksy se prosessin sivulla: { $link }
## Rights: retention
retention-title = Säilytys
retention-rule = { $months ->
    [one] Osallistujien raakatiedot poistetaan kuukauden kuluttua yhteenvedon julkaisemisesta: muistiinpanot, palautevastaukset, avoimen tilan aiheet, kommentit yhteenvetoon ja näytetyt nimet.
   *[other] Osallistujien raakatiedot poistetaan { $months } kuukauden kuluttua yhteenvedon julkaisemisesta: muistiinpanot, palautevastaukset, avoimen tilan aiheet, kommentit yhteenvetoon ja näytetyt nimet.
}
retention-keeps = Yhteenveto, teemat ja käytännöt säilyvät.
retention-due = Poisto on vuorossa { $date }.
retention-deleted-notes = Raakamuistiinpanot poistettu { $date } ({ $count } kpl)
retention-deleted-feedback_answers = Palautevastaukset poistettu { $date } ({ $count } kpl)
retention-deleted-shown_names = Osallistujien näyttämät nimet poistettu { $date } ({ $count } kpl)
retention-deleted-summary_comments = Kommentit yhteenvetoon poistettu { $date } ({ $count } kpl)
retention-deleted-topics = Avoimen tilan aiheet poistettu { $date } ({ $count } kpl)
retention-months = Säilytysaika kuukausina
retention-months-hint = { $min }–{ $max } kuukautta yhteenvedon julkaisemisesta.
retention-save = Tallenna säilytysaika
retention-change-link = Muuta säilytysaikaa prosessin sivulla
retention-months-invalid = Säilytysajan pitää olla 1–60 kuukautta.

## Rights: a person's data
person-open = Henkilön { $name } tiedot, vienti ja poisto
members-former = Entiset jäsenet
members-former-hint = Heillä ei ole enää rooleja tässä organisaatiossa. Heidän tietonsa voi yhä viedä tai poistaa.
person-former-member = Entinen jäsen, ei rooleja
person-export-title = Henkilön tiedot
person-export-intro = Lataa JSON-tiedostona kaikki, mitä palvelu säilyttää tästä henkilöstä tässä organisaatiossa: tili, roolit, tilatut ja fasilitoidut prosessit, suunnitelmaversiot, hyväksynnät, kirjaukset ja kirjautumisten ajat. Osallistujien tietoja tiedostossa ei ole. Vienti kirjataan hallinnon lokiin.
person-export = Lataa tiedot (JSON)
person-remove-title = Anonymisointi ja poisto
person-anonymise-intro = Anonymisointi korvaa nimen ja osoitteen tunnuksella, päättää kirjautumisen ja poistaa roolit. Henkilön tekemät asiat säilyvät prosessien historiassa saman tunnuksen alla.
person-anonymise = Anonymisoi { $name }
person-delete-intro = Poisto tekee saman, mutta historiassa henkilön tilalla näkyy vain viiva, joten hänen tekemisiään ei voi enää yhdistää toisiinsa.
person-delete = Poista { $name }
person-anonymise-confirm = Anonymisoidaanko { $name }? Nimeä ja osoitetta ei voi palauttaa.
person-delete-confirm = Poistetaanko { $name }? Nimeä ja osoitetta ei voi palauttaa.
person-anonymise-yes = Kyllä, anonymisoi
person-delete-yes = Kyllä, poista
person-keep = Ei, palaa henkilön sivulle
person-refused-facilitating = { $name } fasilitoi prosessia, joka on yhä käynnissä. Pyydä koordinaattoria nimeämään sille ensin toinen fasilitaattori.
person-refused-beyond = { $name } toimii myös muissa organisaatioissa tai on palvelun ylläpitäjä. Palvelun ylläpitäjä voi tehdä tämän.
person-not-yourself = Et voi anonymisoida tai poistaa itseäsi. Pyydä sitä toiselta ylläpitäjältä.

## Rights: the audit log
audit-open = Hallinnon loki
audit-title = Hallinnon loki
audit-intro = Organisaation hallinnolliset toimet: kuka teki mitä, milloin ja kenelle. Osallistujia loki ei koskaan nimeä.
audit-entries = Toimet
audit-none = Ei vielä kirjattuja toimia.
audit-more = Näytä vanhemmat
audit-col-when = Milloin
audit-col-who = Kuka
audit-col-what = Mitä
audit-col-whom = Kenelle
audit-col-detail = Lisätieto
audit-server = Palvelu (päivittäinen ajo)
audit-removed-person = Poistettu henkilö
audit-invitations-none = Ei kutsuja.
audit-invitation-line = { $at }: { $actor } kutsui osoitteen { $email }
audit-action-staff_exported = Henkilön tiedot vietiin
audit-action-staff_deleted = Henkilö poistettiin
audit-action-staff_anonymised = Henkilö anonymisoitiin
audit-action-retention_changed = Säilytysaika muuttui
audit-action-retention_deleted = Raakatiedot poistettiin
audit-action-sign_on_mapping_changed = Kertakirjautumisen ryhmät muuttuivat
audit-action-password_login_changed = Salasanakirjautuminen muuttui
audit-detail-password-off = Salasanalla kirjautuminen estetty
audit-action-partnership_proposed = Kumppanuutta ehdotettiin
audit-action-partnership_accepted = Kumppanuus hyväksyttiin
audit-action-partnership_ended = Kumppanuus päättyi
audit-detail-partnership = { $org }: { $scope }
audit-detail-password-on = Salasanalla kirjautuminen sallittu
audit-detail-group-removed = ryhmä poistettu
audit-detail-sign-on-group = Ryhmä { $group }: { $roles }
audit-detail-deleted-shown_names = nimiä { $count }
audit-detail-deleted-summary_comments = kommentteja { $count }
audit-detail-deleted-topics = aiheita { $count }
audit-detail-deleted-feedback_answers = palautevastauksia { $count }
audit-detail-deleted-notes = muistiinpanoja { $count }
audit-detail-retention-deleted = { $process }: { $what }
audit-detail-retention-changed = { $process }: { $before } → { $after } kk

## Mail: invitation
mail-invitation-subject = Kutsu vuoroon: { $org }
mail-invitation-text =
    { $inviter } kutsui sinut organisaation { $org } käyttäjäksi vuorossa, jossa dialogeja tilataan, suunnitellaan ja viedään läpi.

    Hyväksy kutsu tästä: { $link }

    Linkki toimii { $until } asti ja vain kerran. Se on tarkoitettu vain sinulle, joten älä jaa sitä. Jos et odottanut kutsua, voit jättää viestin huomiotta.

## Mail: password-reset
mail-password-reset-subject = Uusi salasana vuoroon
mail-password-reset-text =
    Hei { $name },

    tunnukselle { $email } pyydettiin linkkiä uuden salasanan valitsemiseen. Valitse uusi salasana tästä: { $link }

    Linkki toimii { $until } asti ja vain kerran. Kun valitset uuden salasanan, tunnuksen kaikki kirjautumiset päättyvät.

    Jos et pyytänyt linkkiä, voit jättää viestin huomiotta: salasanasi pysyy ennallaan.

## Mail: address-confirmation
mail-address-confirmation-subject = Vahvista sähköpostiosoitteesi vuorossa
mail-address-confirmation-text =
    Hei { $name },

    sinulle luotiin kutsulinkillä vuoroon tunnus osoitteella { $email }. Vahvista, että osoite on sinun, ja valitse samalla tunnuksellesi salasana: { $link }

    Voit valita saman salasanan kuin tähänkin asti. Samalla tunnuksen muut kirjautumiset päättyvät, ja sen jälkeen muutkin organisaatiot voivat antaa sinulle rooleja.

    Linkki toimii { $until } asti ja vain kerran.
## Sign-on
login-sso = Kirjaudu organisaation tunnuksella
login-sso-hint = Kirjaudut organisaatiosi kirjautumispalvelussa samalla tunnuksella kuin sen muihin palveluihin.
login-password-title = Kirjaudu salasanalla
login-password-off = Organisaatiosi on ottanut salasanalla kirjautumisen pois käytöstä. Kirjaudu organisaation tunnuksella.
role-via-sign_on = kertakirjautumisen ryhmät
sso-refused-title = Kirjautuminen ei onnistunut
sso-back-to-login = Takaisin kirjautumiseen
sso-refused-state = Kirjautumista ei voitu yhdistää tähän selaimeen: se oli vanhentunut, jo käytetty tai aloitettu toisessa selaimessa. Aloita kirjautuminen alusta.
sso-refused-provider = Organisaation kirjautumispalvelu ei hyväksynyt kirjautumista, tai se peruttiin. Yritä uudelleen tai kirjaudu salasanalla.
sso-refused-token = Organisaation kirjautumispalvelun vastausta ei voitu tarkistaa. Yritä hetken päästä uudelleen. Jos vika toistuu, ota yhteyttä palvelun ylläpitoon.
sso-refused-no-email = Kirjautumispalvelu ei kertonut sähköpostiosoitettasi, joten tunnustasi ei voitu yhdistää vuoroon. Ota yhteyttä organisaatiosi ylläpitäjään.
sso-refused-unverified = Kirjautumispalvelu ei ole vahvistanut sähköpostiosoitettasi, joten sitä ei voitu käyttää tunnuksesi yhdistämiseen. Vahvista osoite kirjautumispalvelussa tai ota yhteyttä organisaatiosi ylläpitäjään.
sso-refused-no-account = Sinulla ei ole vielä tunnusta vuorossa, eikä sinua ole kutsuttu. Pyydä organisaatiosi ylläpitäjää kutsumaan sinut.
sso-refused-linked = Tunnuksesi on jo yhdistetty toiseen organisaation kirjautumispalvelun tunnukseen. Kirjaudu sillä tai ota yhteyttä organisaatiosi ylläpitäjään.
sso-provider-down = Organisaation kirjautumispalveluun ei juuri nyt saatu yhteyttä. Yritä hetken päästä uudelleen tai kirjaudu salasanalla.
sso-throttled = Tästä osoitteesta on aloitettu liian monta kirjautumista. Odota hetki ja yritä uudelleen.
sso-admin-open = Kertakirjautuminen
partners-open = Kumppanuudet
partners-title = Kumppanuudet
partners-intro = Kumppanuussopimuksella kaksi organisaatiota jakaa fasilitaattorinsa. Kun yhteisö tarvitsee ulkopuolisen fasilitaattorin, esimerkiksi johtoryhmä, ehdotuksissa näkyvät kumppanin fasilitaattorit. Kumppani näkee vain ne prosessit, joihin sen fasilitaattori on osoitettu, ja niiden tunnit.
partners-incoming = Teille tehdyt ehdotukset
partners-propose-title = Ehdota kumppanuutta
partners-propose = Lähetä ehdotus
partners-org = Kumppaniorganisaatio
partners-org-choose = Valitse organisaatio
partners-scope = Mitä tilauksia sopimus koskee
partners-scope-hint = Sopimus jakaa fasilitaattorit molempiin suuntiin. Omat fasilitaattorit ehdotetaan aina ensin.
partners-scope-outsider = Vain ulkopuolista fasilitaattoria tarvitsevat tilaukset
partners-scope-all = Kaikki tilaukset
partners-active = Voimassa olevat sopimukset
partners-none = Voimassa olevia sopimuksia ei ole.
partners-outgoing = Ehdotukset, jotka odottavat vastausta
partners-ended = Päättyneet
partners-since-proposed = ehdotettu { $date }
partners-since-active = voimassa { $date } alkaen
partners-since-ended = päättyi { $date }
partners-accept = Hyväksy kumppanuus: { $org }
partners-withdraw = Peru ehdotus: { $org }
partners-decline = Hylkää ehdotus: { $org }
partners-end = Päätä sopimus: { $org }
partners-end-confirm = Päätetäänkö sopimus organisaation { $org } kanssa? Uusia ehdotuksia ei enää tehdä. Jo osoitetut prosessit jatkuvat fasilitaattorinsa kanssa loppuun.
partners-withdraw-confirm = Perutaanko ehdotus organisaatiolle { $org }?
partners-decline-confirm = Hylätäänkö organisaation { $org } ehdotus?
partners-keep = Palaa takaisin
partners-error-exists = Tämän organisaation kanssa on jo sopimus tai ehdotus.
partners-error-changed = Sopimus muuttui sillä välin. Lataa sivu uudelleen.
sso-admin-title = Kertakirjautuminen
sso-admin-not-configured = Kertakirjautumista ei ole otettu käyttöön tällä palvelimella. Voit silti valmistella ryhmät; ne otetaan huomioon, kun palvelun ylläpito ottaa kertakirjautumisen käyttöön.
sso-admin-intro = Henkilöstö voi kirjautua organisaation tunnuksella. Kirjautumispalvelun ryhmät voivat antaa rooleja tässä organisaatiossa.
sso-groups-title = Ryhmät ja roolit
sso-groups-intro = Ryhmän roolit annetaan jokaisessa kirjautumisessa kaikille, joiden tunnukseen ryhmä kuuluu, ja otetaan pois, kun ryhmä ei enää kuulu. Rooleihin, joita mikään ryhmä ei anna, kirjautuminen ei koske. Poista ryhmä poistamalla kaikki sen roolit.
sso-group-name = Ryhmä
sso-group-name-hint = Ryhmän tunniste sellaisena kuin kirjautumispalvelu sen kertoo (groups-tieto), esimerkiksi Entra ID:n ryhmän tunnus.
sso-group-save = Tallenna ryhmän roolit
sso-groups-none = Yhtään ryhmää ei ole vielä määritelty.
sso-group-update = Tallenna ryhmän { $group } roolit
sso-password-title = Salasanalla kirjautuminen
sso-password-is-on = Organisaation jäsenet voivat kirjautua myös salasanalla.
sso-password-is-off = Salasanalla kirjautuminen on pois käytöstä: organisaation jäsenet kirjautuvat vain organisaation tunnuksella.
sso-password-site-admins = Palvelun pääkäyttäjät voivat aina kirjautua salasanalla, jotta palveluun pääsee, vaikka kirjautumispalvelu olisi poissa käytöstä tai väärin määritelty.
sso-password-turn-off = Poista salasanalla kirjautuminen käytöstä
sso-password-turn-on = Salli salasanalla kirjautuminen
sso-password-off-confirm = Poistetaanko salasanalla kirjautuminen käytöstä? Organisaation jäsenet voivat sen jälkeen kirjautua vain organisaation tunnuksella. Jäsenten avoimet istunnot päättyvät, ja he kirjautuvat uudelleen organisaation tunnuksella.
sso-password-off-yes = Kyllä, poista salasanalla kirjautuminen käytöstä
sso-password-keep = Pidä salasanalla kirjautuminen
sso-password-needs-sign-on = Salasanalla kirjautumista ei voi poistaa käytöstä, koska kertakirjautumista ei ole otettu käyttöön tällä palvelimella.
sso-password-sign-on-first = Kirjaudu ensin ulos ja takaisin sisään organisaation tunnuksella: salasanalla alkanut istuntosi ei enää pääsisi tähän organisaatioon, kun salasanalla kirjautuminen on poistettu käytöstä.

## The facilitator network (part 9)
role-via-training = koulutuksen suoritus
home-network = Fasilitaattoriverkosto
home-own-facilitation = Oma fasilitointi
net-title = Fasilitaattoriverkosto: { $org }
net-members = { $count ->
    [one] Verkostossa on yksi fasilitaattori.
   *[other] Verkostossa on { $count } fasilitaattoria.
}
net-training-new = Kirjaa koulutus
net-meeting-new = Kirjaa verkostotapaaminen
net-trained-title = Koulutetut
net-per-method = Koulutetut menetelmittäin
net-per-unit = Koulutetut yksiköittäin
net-col-trained = Koulutettuja
net-none-trained = Kukaan verkostossa ei ole vielä koulutettu.
net-idle-title = Pisimpään fasilitoimatta
net-idle-intro = Verkoston fasilitaattorit sen mukaan, milloin heidän viimeisin fasilitoimansa prosessi alkoi; ensin ne, jotka eivät ole vielä fasilitoineet.
net-no-members = Kenelläkään ei ole vielä fasilitaattorin roolia.
net-col-person = Henkilö
net-col-last = Viimeksi fasilitoinut
net-never = ei koskaan
net-meetings-title = Verkostotapaamiset { $year }
net-no-meetings = Tänä vuonna ei ole kirjattu tapaamisia.
net-col-attended = Osallistujia
net-trainings-title = Koulutukset
net-no-trainings = Koulutuksia ei ole kirjattu.
net-lent-title = Kumppaneiden prosessit
net-lent-intro = Verkoston fasilitaattorit, jotka fasilitoivat kumppaniorganisaation prosessia, ja niiden tunnit. Prosessien sisältö näkyy vain kumppanille.
net-lent-partner = Kumppani
net-lent-first = Ensimmäinen tapaaminen
net-lent-hours = Tunnit
net-lent-no-dates = Ei vielä päivämääriä
net-col-dates = Päivät
net-col-completed = Suorittaneet
net-completed-of = { $done } / { $count }
net-method = Menetelmä
net-methods = Menetelmät, joilla fasilitoi
net-methods-hint = Menetelmät, joilla otat vastaan dialogeja. Koulutukset kirjataan erikseen.
net-unit = Kotiyksikkö
net-unit-hint = Yksikkö, jossa työskentelet. Et fasilitoi oman yksikkösi dialogeja.
net-no-unit = ei yksikköä
net-languages = Kielet, joilla fasilitoi
net-outsider = Ulkopuolista tarvitsevat tilaukset
net-outsider-yes = Otan vastaan johtoryhmien ja muiden ulkopuolista fasilitaattoria tarvitsevien dialogeja
net-outsider-takes = ottaa vastaan
net-outsider-not = ei ota vastaan
net-capacity = Aikaa fasilitointiin (tuntia kuukaudessa)
net-capacity-hint = Esimerkiksi 6 tai 4,5; enintään { $max }. 0 tarkoittaa, ettei sinua ehdoteta nyt.
net-capacity-value = { $hours } tuntia kuukaudessa
net-hours = { $hours } h
net-hours-hint = Tunteina, esimerkiksi 12 tai 3,5.
net-profile = Profiili
net-no-profile = Profiilia ei ole vielä täytetty.
net-profile-edit = Muokkaa profiilia
net-profile-save = Tallenna profiili
net-profile-saved = Profiili tallennettiin.
net-own-title = Oma fasilitointi
net-coming = Tulossa
net-no-coming = Sinulle ei ole tulossa fasilitoitavia prosesseja.
net-no-dates = päiviä ei ole vielä sovittu
net-absences = Poissaolot
net-no-absences = Ei tulevia poissaoloja.
net-absence-add = Lisää poissaolo
net-absence-from = Ensimmäinen päivä
net-absence-to = Viimeinen päivä
net-absence-delete = Poista poissaolo { $dates }
net-absence-delete-confirm = Poistetaanko poissaolo { $dates }?
net-absence-delete-yes = Kyllä, poista poissaolo
net-absence-keep = Pidä poissaolo
net-held = Koulutukset
net-no-held = Koulutuksia ei ole kirjattu.
net-held-recorded = kirjattu koulutus
net-held-add = Lisää aiempi koulutus
net-held-add-hint = Koulutus, joka on suoritettu ennen palvelun käyttöönottoa.
net-held-date = Suorituspäivä
net-trainer = Kouluttaja
net-trainer-hint = Esimerkiksi THL, Erätauko-säätiö tai oma organisaatio.
net-training-from = Alkaa
net-training-to = Päättyy
net-training-hours = Laajuus (tuntia)
net-trainees = Koulutettavat
net-training-save = Tallenna koulutus
net-training-title = Koulutus: { $method }
net-complete = Merkitse suoritetuiksi
net-complete-who = Suorittaneet
net-complete-hint = Suorittanut saa menetelmän koulutuksen profiiliinsa ja tarvittaessa fasilitaattorin roolin.
net-completed-on = suoritettu { $date }
net-not-completed = ei vielä suoritettu
net-became = Fasilitaattorin rooli annettiin: { $names }
net-error-unconfirmed = Roolia ei voitu antaa, koska henkilön sähköpostiosoitetta ei ole vahvistettu tässä organisaatiossa.
net-meeting-date = Päivä
net-meeting-title = Aihe
net-meeting-place = Paikka
net-meeting-place-hint = Vapaaehtoinen, esimerkiksi kokoushuone tai Teams.
net-meeting-intro = Tallennuksen jälkeen voit merkitä osallistujat.
net-meeting-save = Tallenna tapaaminen
net-attended-who = Osallistuneet
net-attendance-save = Tallenna osallistujat
net-attendance-saved = Osallistujat tallennettiin.
net-nobody-attended = Osallistujia ei ole merkitty.

## Proposals for an order (part 9, assignment)
proposals-link = Näytä ehdotetut fasilitaattorit
proposals-title = Ehdotetut fasilitaattorit: { $process }
proposals-no-sessions = Tilaisuuksien päiviä ei ole vielä suunnitelmassa, joten kuukauden kapasiteettia ja päällekkäisyyksiä ei ole tarkistettu.
proposals-proposed = Ehdotetut, paras ensin
proposals-none = Ketään verkoston fasilitaattoreista ei voida ehdottaa.
proposals-not-proposed = Ei ehdoteta
proposals-assign = Anna tehtäväksi: { $name }
assign-reason-trained-in = Koulutettu menetelmään { $method }
assign-reason-not-trained = Ei koulutusta menetelmään { $method }
assign-reason-speaks-all = Puhuu osallistujien kielet
assign-reason-missing-languages = Ei puhu kieliä: { $languages }
assign-reason-from-partner = Kumppanilta { $org }
assign-reason-capacity-left = Kuukauden kapasiteettia jää { $hours } h
assign-reason-load-last-year = Fasilitoinut viimeisen vuoden aikana { $hours } h
assign-reason-volunteered = Ilmoittautui vapaaehtoiseksi
assign-reason-own-unit = Samasta yksiköstä kuin tilaaja
assign-reason-own-community = Kuuluu työyhteisöön, jolle dialogi on
assign-reason-own-organisation = Tilaajan omasta organisaatiosta, vaikka tarvitaan ulkopuolinen
assign-reason-no-outsider-orders = Ei ota ulkopuolista fasilitaattoria tarvitsevia tilauksia
assign-reason-not-shared = Toisesta organisaatiosta, eikä kumppanuus koske tätä tilausta
assign-reason-kind-not-taken = Ei ota dialogeja, joissa osallistujina: { $kinds }
assign-reason-over-capacity = Kapasiteetti ylittyisi { $month }: { $hours } h yli
assign-reason-clash = Päällekkäin toisen tilaisuuden kanssa { $at }
assign-reason-absent = Poissa { $at }
net-month-hours = Fasilitointitunnit kuukausittain
net-no-hours = Tälle tai tuleville kuukausille ei ole suunniteltu tilaisuuksia.
net-col-month = Kuukausi
net-col-planned = Suunniteltu
net-col-capacity = Kapasiteetti
net-over-capacity = yli kapasiteetin
net-col-load = Tämä kuukausi (suunniteltu / kapasiteetti)
## The network's reports
rep-title = Verkoston raportit: { $org }
rep-link = Raportit
rep-intro = Dialogit (prosessit), joiden ensimmäinen tilaisuus osuu valitulle ajanjaksolle; peruttuja ei lasketa. Palaute lasketaan menetelmittäin kaikista prosessien tilaisuuksista, mutta vain prosesseista, joilla on vähintään viisi vastausta, ja luku näytetään vasta vähintään viidestä vastauksesta.
rep-period = Ajanjakso
rep-period-error = Ajanjaksoa ei voitu lukea; näytetään kuluva vuosi.
rep-period-shown = Ajanjakso { $period }
rep-none = Ajanjaksolla ei ole dialogeja.
rep-csv = Lataa CSV: { $table }
rep-per-unit = Dialogit yksiköittäin
rep-per-method = Dialogit menetelmittäin
rep-per-facilitator = Dialogit fasilitaattoreittain
rep-per-month = Dialogit kuukausittain
rep-lead-title = Päiviä tilauksesta ensimmäiseen tilaisuuteen
rep-feedback-title = Palaute menetelmittäin
rep-col-dialogues = Dialogeja
rep-col-month = Kuukausi
rep-col-median = Mediaani (päivää)
rep-col-shortest = Lyhin (päivää)
rep-col-longest = Pisin (päivää)
rep-col-responses = Vastauksia
rep-col-mean = Keskiarvo (1–5)
rep-fewer = alle viisi vastausta
rep-no-ratings = ei arvioita
rep-no-method = ei menetelmää
rep-no-facilitator = ei fasilitaattoria
cat-network-trained = { $trained } koulutettua ({ $methods }); { $active } fasilitoinut viimeisen 12 kuukauden aikana (fasilitaattoriverkoston luvut)

## Offers and volunteers (part 9)
facilitator-awaiting = { $name } (vastausta odotetaan)
transition-error-awaiting-answer = Fasilitaattori ei ole vielä ottanut tilausta vastaan.
next-answer-offer = Tilaus on tarjottu fasilitaattorille, joka ottaa sen vastaan tai kieltäytyy.
event-offer-accepted = { $actor } otti tilauksen vastaan.
event-offer-declined = { $actor } kieltäytyi tilauksesta; se palasi jonoon.
offer-text = { $by } tarjosi sinulle tämän tilauksen fasilitoitavaksi { $when }. Otatko sen vastaan?
offer-accept = Otan tilauksen vastaan
offer-decline-title = Kieltäydy tilauksesta
offer-reason = Syy
offer-reason-hint = Syyn näkevät koordinaattorit, ei tilaaja. Tilaus palaa jonoon, ja sille ehdotetaan seuraavaa fasilitaattoria.
offer-decline = Kieltäydyn
proposals-awaiting = Tilaus on tarjottu: { $name } ({ $when }). Vastausta odotetaan.
assign-reason-declined = Kieltäytyi tästä tilauksesta: { $reason }
mail-kind-offer-declined = Fasilitaattori kieltäytyi tarjoamastasi tilauksesta
mail-offer-declined-subject = { $by } kieltäytyi: { $process }
mail-offer-declined-text =
    { $by } kieltäytyi fasilitoimasta dialogiprosessia { $process }. Syy: { $reason }

    Tilaus palasi jonoon. Seuraavat ehdotukset ovat tilauksen ehdotussivulla: { $link }
queue-next = Seuraava ehdotus: { $name }
queue-next-none = Ei ehdotettavaa
queue-declined = { $count ->
    [one] Yksi kieltäytyi
   *[other] { $count } kieltäytyi
}
queue-volunteers = { $count ->
    [one] Yksi ilmoittautui
   *[other] { $count } ilmoittautui
}
open-title = Avoimet tilaukset
open-intro = Nämä tilaukset odottavat fasilitaattoria, ja voisit ottaa ne. Ilmoittautuminen ei sido: koordinaattori päättää, ja ilmoittautunut otetaan huomioon ehdotuksissa.
open-none = Yksikään jonossa oleva tilaus ei nyt sovi sinulle.
open-volunteer = Ilmoittaudun: { $process }
open-withdraw = Peru ilmoittautuminen: { $process }
open-volunteered = Olet ilmoittautunut.
open-sessions = Tilaisuudet: { $dates }
open-declined = Kieltäydyit tilauksesta. Se palasi jonoon.
net-awaiting-answer = odottaa vastaustasi

## Facilitation hours recorded after sessions (part 9)
net-col-corrected = Toteutunut
hours-link = Toteutuneet fasilitointitunnit
hours-title = Toteutuneet tunnit: { $process }
hours-intro = Kirjaa kunkin pidetyn tilaisuuden jälkeen, kauanko se todella vei fasilitaattorin aikaa valmisteluineen. Kirjatut tunnit korvaavat suunnitellun keston kuukauden kuormassa.
hours-whose = Tunnit kirjataan fasilitaattorille { $name }.
hours-none = Yksikään suunnitelman tilaisuus ei ole vielä alkanut.
hours-back = Takaisin prosessiin
hours-planned = suunniteltu { $hours }
hours-recorded = kirjattu { $hours }
hours-field = Toteutuneet tunnit: { $title }
hours-hint = Tunteina, esimerkiksi 2 tai 2,5.
hours-save = Tallenna tunnit: { $title }
hours-saved = Tunnit on tallennettu.
hours-error-not-held = Tunnit kirjataan vain alkaneelle suunnitelman tilaisuudelle.
hours-error-no-facilitator = Prosessilla ei ole fasilitaattoria, jolle tunnit kirjattaisiin.

## Joint assignment of the queue (part 9)
batch-link = Jaa koko jono kerralla
batch-title = Jonon yhteisjako
batch-intro = Ehdotus antaa jonon tilauksille fasilitaattorit yhdellä kertaa niin, että kokonaisuus on paras: kukaan ei ylitä kuukauden kapasiteettiaan, saa päällekkäisiä tilaisuuksia tai oman yksikkönsä tilausta, ja kuorma jakautuu tasaisesti. Poista rasti parista, jota et halua; valitut tarjotaan fasilitaattoreille, jotka ottavat ne vastaan tai kieltäytyvät.
batch-empty = Jonossa ei ole tilauksia.
batch-summary = { $joint } / { $total } tilausta saa fasilitaattorin (yksi kerrallaan jaettuna { $greedy }).
batch-pairs = Ehdotetut parit
batch-nobody = ei ketään vapaana
batch-proposals = Ehdotukset: { $process }
batch-offer = Tarjoa valitut
batch-offered = { $count ->
    [one] Yksi tilaus tarjottiin fasilitaattorille.
   *[other] { $count } tilausta tarjottiin fasilitaattoreille.
}
batch-stale = { $count ->
    [one] Yksi valittu pari ei enää sopinut, koska jono tai verkosto muuttui välillä.
   *[other] { $count } valittua paria ei enää sopinut, koska jono tai verkosto muuttui välillä.
}
net-awaiting = vastausta odotetaan
open-error-declined = Kieltäydyit tästä tilauksesta, joten et voi ilmoittautua siihen.
mail-kind-offer-withdrawn = Sinulle tarjottu tilaus annettiin toiselle
mail-offer-withdrawn-subject = Tilaus annettiin toiselle: { $process }
mail-offer-withdrawn-text =
    Dialogiprosessi { $process }, jota sinulle tarjottiin, annettiin toiselle fasilitaattorille ennen vastaustasi. Sinun ei tarvitse vastata.

    Jonossa odottavat tilaukset ovat omalla sivullasi: { $link }
