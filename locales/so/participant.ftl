# Participant views: the join page, the phone view, messages. Somali (af-Soomaali).
# Short sentences, plain words: children and people who read Somali as a second language use these pages.
# Every language defines every message here: fi, sv, en, ar (right to left), so.

p-lang-name = Soomaali
p-brand = vuoro
p-lang-nav = Luqadda
p-join-title = Ku biir wada-hadalka
p-join-code-label = Koodhka
p-join-code-hint = Lix xaraf iyo lambar. Koodhka waxaad ka helaysaa hagaha ama shaashadda.
p-join-submit = Sii wad
p-join-unknown-code = Ma jiro wada-hadal furan oo leh koodhkan. Hubi koodhka ama weydii hagaha.
p-join-to = Wada-hadalka: { $title }
p-join-lang = Dooro luqadda
p-join-anon = Waxaad ka qayb qaadanaysaa adigoon magacaaga muujin. Qofna ma arko cidda wax qortay.
p-join-show-name = Waxaan rabaa inaan magacayga muujiyo
p-join-name = Magaca
p-join-name-hint = Khasab ma aha. Magacu wuxuu muuqdaa oo keliya haddii aad doorato "Waxaan rabaa inaan magacayga muujiyo".
p-join-button = Ku biir
p-join-name-missing = Qor magacaaga, ama ka saar calaamadda "Waxaan rabaa inaan magacayga muujiyo".
p-join-name-long = Magacu aad buu u dheer yahay. Ugu badnaan 60 xaraf.
p-stage = Qaybta { $n }
p-no-question = Dhegeyso hagaha.
p-note-label = Fikradaada
p-note-hint = Si kooban u qor. Ugu badnaan 1000 xaraf.
p-note-send = Dir
p-note-empty = Marka hore wax qor.
p-note-too-long = Qoraalku aad buu u dheer yahay. Ugu badnaan 1000 xaraf.
p-note-too-fast = Si dhakhso ah ayaad u diraysaa. Wax yar sug, kadibna mar kale dir.
p-mine = Qoraalladaada
p-mine-none = Weli waxba ma aadan qorin.
p-shown-as = Magacaaga sidan ayuu u muuqdaa: { $name }
p-anonymous = Waxaad wax qoraysaa adigoon magacaaga muujin.
p-error-closed = Wada-hadalkani wuu dhammaaday. Mahadsanid!
p-error-full = Wada-hadalku wuu buuxaa. Weydii hagaha.
p-closed = Wada-hadalku wuu dhammaaday. Mahadsanid inaad nala joogtay!
p-reload = Cusboonaysii bogga
p-fb-title = Fikirtaada
p-fb-intro = Ka jawaab adigoon magacaaga sheegin. Su'aal waad ka boodi kartaa.
p-fb-scale-hint = 1 = gabi ahaanba maya, 5 = si buuxda
p-fb-heard = Waa la i dhegaystay.
p-fb-safe = Wadahadalku wuxuu ahaa mid ammaan ah.
p-fb-mattered = Mawduuca ayaa muhiim ii ahaa.
p-fb-open = Maxaad kale oo aad rabtaa inaad sheegto?
p-fb-send = Dir fikirtaada
p-fb-thanks = Waad ku mahadsan tahay fikirtaada!
p-fb-error-scale = Dooro lambar 1 ilaa 5, ama ka bood su'aasha.
p-fb-error-long = Jawaabtu aad bay u dheer tahay. Ugu badnaan 1000 xaraf.
p-fb-closed = Waqtiga fikrad bixintu wuu dhammaaday.
p-hand-title = Fursaddaada hadalka
p-hand-raise = Gacanta kor u qaad: waxaan rabaa inaan hadlo
p-hand-lower = Gacanta hoos u dhig
p-hand-place = Waxaad tahay lambarka { $n } ee safka.
p-meeting-link = Fur kulanka onlaynka ah
