# Participant views: the join page, the phone view, messages. Arabic (Modern Standard Arabic, simple).
# Short sentences, plain words: children and people who read Arabic as a second language use these pages.
# Every language defines every message here: fi, sv, en, ar (right to left), so.

p-lang-name = العربية
p-brand = vuoro
p-lang-nav = اللغة
p-join-title = الانضمام إلى النقاش
p-join-code-label = الرمز
p-join-code-hint = ستة أحرف وأرقام. تحصل على الرمز من المرشد أو تراه على الشاشة.
p-join-submit = متابعة
p-join-unknown-code = لا يوجد نقاش مفتوح بهذا الرمز. تحقّق من الرمز أو اسأل المرشد.
p-join-to = النقاش: { $title }
p-join-lang = اختر اللغة
p-join-anon = أنت تشارك بدون اسم. لا أحد يعرف مَن كتب ماذا.
p-join-show-name = أريد أن يظهر اسمي
p-join-name = الاسم
p-join-name-hint = ليس إلزاميًا. يظهر اسمك فقط إذا اخترت «أريد أن يظهر اسمي».
p-join-button = انضمّ
p-join-name-missing = اكتب اسمك، أو أزل العلامة من «أريد أن يظهر اسمي».
p-join-name-long = الاسم طويل جدًا. الحد الأقصى 60 حرفًا.
p-stage = المرحلة { $n }
p-no-question = استمع إلى المرشد.
p-note-label = أفكارك
p-note-hint = اكتب باختصار. الحد الأقصى 1000 حرف.
p-note-send = إرسال
p-note-empty = اكتب شيئًا أولًا.
p-note-too-long = النص طويل جدًا. الحد الأقصى 1000 حرف.
p-note-too-fast = أنت ترسل بسرعة كبيرة. انتظر قليلًا، ثم أرسل مرة أخرى.
p-mine = ملاحظاتك
p-mine-none = لم تكتب أي شيء بعد.
p-shown-as = يظهر اسمك هكذا: { $name }
p-anonymous = أنت تكتب بدون اسم.
p-error-closed = انتهى هذا النقاش. شكرًا لك!
p-error-full = النقاش ممتلئ. اسأل المرشد.
p-closed = انتهى النقاش. شكرًا لأنك شاركت معنا!
p-reload = تحديث الصفحة
p-fb-title = رأيك
p-fb-intro = أجب دون ذكر اسمك. يمكنك تخطي أي سؤال.
p-fb-scale-hint = 1 = أبدًا، 5 = تمامًا
p-fb-heard = شعرت أن الآخرين استمعوا إليّ.
p-fb-safe = شعرت بالأمان في النقاش.
p-fb-mattered = كان الموضوع مهمًا بالنسبة لي.
p-fb-open = ماذا تريد أن تقول أيضًا؟
p-fb-send = أرسل رأيك
p-fb-thanks = شكرًا على رأيك!
p-fb-error-scale = اختر رقمًا من 1 إلى 5، أو تخطَّ السؤال.
p-fb-error-long = الإجابة طويلة جدًا. 1000 حرف على الأكثر.
p-fb-closed = انتهى وقت إبداء الرأي.
p-hand-title = دورك في الكلام
p-hand-raise = ارفع يدك: أريد أن أتكلم
p-hand-lower = أنزل يدك
p-hand-place = أنت رقم { $n } في الدور.
p-meeting-link = افتح الاجتماع عبر الإنترنت
