# Participant views: the join page, the phone view, messages. Short sentences, plain words:
# children and people who read Finnish as a second language use these pages.
# Every language defines every message here: fi, sv, en, ar (right to left), so.

p-lang-name = suomi
p-brand = vuoro
p-lang-nav = Kieli
p-join-title = Liity keskusteluun
p-join-code-label = Koodi
p-join-code-hint = Kuusi kirjainta ja numeroa. Saat koodin ohjaajalta tai näytöltä.
p-join-submit = Jatka
p-join-unknown-code = Tällä koodilla ei löydy avointa keskustelua. Tarkista koodi tai kysy ohjaajalta.
p-join-to = Keskustelu: { $title }
p-join-lang = Valitse kieli
p-join-anon = Olet mukana nimettömänä. Kukaan ei näe, kuka kirjoitti mitä.
p-join-show-name = Haluan näyttää nimeni
p-join-name = Nimi
p-join-name-hint = Vapaaehtoinen. Nimi näkyy vain, jos valitset ”Haluan näyttää nimeni”.
p-join-button = Liity
p-join-name-missing = Kirjoita nimi tai poista valinta ”Haluan näyttää nimeni”.
p-join-name-long = Nimi on liian pitkä. Enintään 60 merkkiä.
p-stage = Vaihe { $n }
p-no-question = Kuuntele ohjaajaa.
p-note-label = Sinun ajatuksesi
p-note-hint = Kirjoita lyhyesti. Enintään 1000 merkkiä.
p-note-send = Lähetä
p-note-empty = Kirjoita ensin jotain.
p-note-too-long = Teksti on liian pitkä. Enintään 1000 merkkiä.
p-note-too-fast = Lähetät liian nopeasti. Odota hetki ja lähetä sitten uudelleen.
p-mine = Sinun muistiinpanosi
p-mine-none = Et ole vielä kirjoittanut mitään.
p-shown-as = Nimesi näkyy: { $name }
p-anonymous = Kirjoitat nimettömänä.
p-error-closed = Tämä keskustelu on päättynyt. Kiitos!
p-error-full = Keskustelu on täynnä. Kysy ohjaajalta.
p-closed = Keskustelu on päättynyt. Kiitos, että olit mukana!
p-reload = Päivitä sivu
p-fb-title = Palaute
p-fb-intro = Vastaa nimettömästi. Voit jättää kysymyksen väliin.
p-fb-scale-hint = 1 = ei yhtään, 5 = täysin
p-fb-heard = Minua kuultiin.
p-fb-safe = Keskustelu tuntui turvalliselta.
p-fb-mattered = Aihe oli minulle tärkeä.
p-fb-open = Mitä muuta haluat sanoa?
p-fb-send = Lähetä palaute
p-fb-thanks = Kiitos palautteesta!
p-fb-error-scale = Valitse luku 1–5 tai jätä kysymys väliin.
p-fb-error-long = Vastaus on liian pitkä. Enintään 1000 merkkiä.
p-fb-closed = Palautteen antaminen on päättynyt.
p-hand-title = Puheenvuoro
p-hand-raise = Nosta käsi: haluan puhua
p-hand-lower = Laske käsi
p-hand-place = Olet jonossa sijalla { $n }.
p-meeting-link = Avaa verkkokokous
