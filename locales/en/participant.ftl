# Participant views: the join page, the phone view, messages. Short sentences, plain words:
# children and people who read English as a second language use these pages.
# Every language defines every message here: fi, sv, en, ar (right to left), so.

p-lang-name = English
p-brand = vuoro
p-lang-nav = Language
p-join-title = Join the conversation
p-join-code-label = Code
p-join-code-hint = Six letters and numbers. You get the code from the leader or see it on the screen.
p-join-submit = Continue
p-join-unknown-code = There is no open conversation with this code. Check the code or ask the leader.
p-join-to = Conversation: { $title }
p-join-lang = Choose your language
p-join-anon = You take part without your name. No one can see who wrote what.
p-join-show-name = I want to show my name
p-join-name = Name
p-join-name-hint = You can leave this empty. Your name is only shown if you choose ‘I want to show my name’.
p-join-button = Join
p-join-name-missing = Write your name, or untick ‘I want to show my name’.
p-join-name-long = The name is too long. At most 60 characters.
p-stage = Phase { $n }
p-no-question = Listen to the leader.
p-note-label = Your thoughts
p-note-hint = Keep it short. At most 1000 characters.
p-note-send = Send
p-note-empty = Write something first.
p-note-too-long = The text is too long. At most 1000 characters.
p-note-too-fast = You are sending very fast. Wait a moment, then send again.
p-mine = Your notes
p-mine-none = You have not written anything yet.
p-shown-as = Your name is shown as: { $name }
p-anonymous = You are writing without your name.
p-error-closed = This conversation has ended. Thank you!
p-error-full = The conversation is full. Ask the leader.
p-closed = The conversation has ended. Thank you for taking part!
p-reload = Reload the page
p-fb-title = Feedback
p-fb-intro = Answer without your name. You can skip a question.
p-fb-scale-hint = 1 = not at all, 5 = completely
p-fb-heard = I was heard.
p-fb-safe = The conversation felt safe.
p-fb-mattered = The topic mattered to me.
p-fb-open = What else would you like to say?
p-fb-send = Send feedback
p-fb-thanks = Thank you for your feedback!
p-fb-error-scale = Choose a number from 1 to 5, or skip the question.
p-fb-error-long = The answer is too long. At most 1000 characters.
p-fb-closed = Feedback has ended.
p-hand-title = Your turn
p-hand-raise = Raise your hand: I want to speak
p-hand-lower = Lower your hand
p-hand-place = You are number { $n } in the queue.
p-meeting-link = Open the online meeting
