# vuoro: English interface texts (British spelling). Defines every key in fi/main.ftl.

lang-name = English
brand = vuoro
skip-to-content = Skip to content
nav-main = Main menu
nav-language = Language
nav-home = Home
nav-methods = Methods
nav-organisations = Organisations
logout = Log out
footer-text = vuoro – dialogues in municipalities and workplaces. Open source (EUPL-1.2).
not-set = Not agreed yet
minutes = { $minutes } min
back-to = Back to: { $title }
form-required-note = Fields marked with an asterisk (*) are required.
form-has-errors = The form has errors. Please correct the marked fields.

## Errors
error-title = Something went wrong
error-home = Go to the home page
error-not-found = The page was not found, or you do not have permission to see it.
error-forbidden = You do not have permission to do this.
error-login-required = Please log in first.
error-bad-request = The request was not valid.
error-malformed-form = The form data was not valid. Reload the page and try again.
error-not-utf8 = The form contained characters that could not be read (not UTF-8). Check the text and try again.
error-csrf = The form had expired or was sent from another website. Reload the page and try again.
error-too-large = What you sent was too large.
error-method = This action cannot be done at this address.
error-internal = Something went wrong in the service. Nothing you had already saved was lost. Please try again in a moment.
error-conflict = Someone else changed this information at the same time. Reload the page.
error-duplicate = This already exists.
error-plan-conflict = The plan was changed while you were editing it. Reload the page, check the latest version and make your changes to that.
error-invitation-used = This invitation link has already been used or has expired. Ask an administrator for a new invitation.
error-not-a-facilitator = The selected person is not a facilitator in this organisation.
error-method-locked = The method can no longer be changed once the parts have started.
error-no-method = No method has been chosen for the process yet.
error-own-admin = You cannot remove your own administrator role.
error-required = This is required.
error-too-long = At most { $max } characters.
error-too-short = At least { $min } characters.
error-invalid = Please check this.
error-out-of-range = Enter a number from { $min } to { $max }.

## Log-in and invitations
login-title = Log in
login-submit = Log in
login-failed = The email address or password was wrong.
login-throttled = Too many failed log-ins with this e-mail address. Wait 15 minutes, then try again.
login-throttled-client = Too many failed log-ins from this network address. Wait { $minutes } min, then try again.
login-welcome = Your account is ready. Please log in.
field-email = Email
field-password = Password
field-name = Name
field-new-password = New password
field-new-password-hint = At least { $min } characters. A long sentence makes a good password.
field-roles = Roles
invite-title = Invitation to vuoro
invite-intro = You have been invited to the organisation { $org }.
invite-email = You will log in with the email address { $email }.
invite-existing = You already have an account. Accept the invitation to get your roles in this organisation.
invite-accept = Accept invitation
invite-staff = Invite staff
invite-staff-intro = Invite a person by email address and choose their roles. You will get an invitation link to give to them.
invite-send = Create invitation
invite-created = The invitation has been created. Give this link to the person you are inviting. It is only shown now.
invite-created-care = The link can create an account or add roles, so give it only to the invited person, do not open it yourself and do not share it. An account created with the link has an unconfirmed address: other organisations can give it roles only after a site administrator has confirmed the address.
invite-refused-unconfirmed = The address { $email } has an account created with another organisation's invitation link, and the address is not confirmed. The admin who saw that link may have chosen the account's password, so it cannot get roles from this organisation. Ask a site administrator to check with the person that the account is theirs and to confirm the address.
invite-login-first = An account with this email address already exists. Log in with it to accept the invitation.
invite-login-link = Log in and accept the invitation
invite-wrong-account = You are logged in as { $current }, but the invitation is for another address. Log out, then log in with the invited address.
invite-unconfirmed = The invitation cannot be accepted: the account of this address was created with another organisation's invitation link, and the address is not confirmed. Ask a site administrator to confirm the address.
invite-sso = Accept by signing in with your organisation's account
invite-sso-hint = You sign in at your organisation's sign-on service. If it gives the same confirmed e-mail address the invitation was sent to, your account is created and the invitation accepted.
invite-password-title = Or create an account with a password
invite-password-off = This organisation does not use password log-in. Accept the invitation by signing in with your organisation's account.
member-unconfirmed = The address of { $name } is not confirmed: the account was created with an invitation link.
member-confirm = Confirm the address of { $name }
member-confirm-hint = Confirm only after checking with the person that they use this account. Then other organisations can invite them too.
role-changes-title = Role changes
role-changes-none = No roles have been changed yet.
role-change-line = { $at }: { $user }, { $before } → { $after } ({ $via }; changed by { $actor })
role-changes-no-roles = no roles
role-changes-self-grant = site administrator gave the role to themselves
role-via-invitation = invitation accepted
role-via-members = role change
role-via-new_organisation = organisation created
invitations-title = Invitations
invitation-pending = Pending
invitation-accepted = Accepted
invitation-expired = Expired

## Accounts by e-mail: invitations, password resets, confirming an address
login-forgot = Forgot your password?
login-password-set = Your password has been changed and every log-in of the account has ended. Log in with the new password.
login-welcome-confirm = Your account is ready. A link to confirm your address was sent to your email; after that, other organisations can give you roles too. Please log in.
password-forgot-title = Forgotten password
password-forgot-intro = Enter your account's email address. We will send a link to it where you choose a new password. The link works for an hour and only once.
password-forgot-submit = Send the link
password-forgot-sent = If the address has an account, a link to change the password is on its way to it. Check your spam folder too if needed. The link works for an hour.
password-forgot-throttled = The link has been asked for too many times. Wait { $minutes } min, then try again.
password-back-to-login = Back to log-in
password-reset-title = Change your password
password-reset-intro = Choose a new password for the account { $email }.
password-reset-submit = Change password
password-set-ends-logins = At the same time every log-in of the account ends: from then on only whoever knows the new password uses the account.
password-link-gone = The link has expired or has been used already. Each link works only once and for a limited time.
password-link-gone-again = Ask for a new link
address-confirm-title = Confirm your email address
address-confirm-intro = Confirm that the address { $email } is yours by choosing a password for your account. You may choose the same password as before. Once the address is confirmed, other organisations can give you roles too.
address-confirm-submit = Confirm the address
invite-staff-intro-mail = Invite a person by email address and choose their roles. The invitation link is sent by email to them only.
invite-send-mail = Send invitation
invite-mailed = The invitation was sent by email to { $email }. The link goes to them only, and the address of an account made with the invitation is confirmed as well.
invitations-mail = Email
invitation-mail-waiting = On its way
invitation-mail-failing = Not sent yet; trying again
invitation-mail-refused = The address takes no mail; check it and invite again
invitation-mail-sent = Sent
invitation-mail-none = Link handed over by hand

## Roles
role-admin = Administrator
role-coordinator = Coordinator
role-orderer = Orderer
role-facilitator = Facilitator

## Front page
home-title = My home page
home-no-roles = You do not have a role in any organisation yet. Ask an administrator for an invitation.
home-sign-on-required = This organisation has turned password log-in off. Sign in with the organisation's account to see its processes.
home-your-roles = Your roles:
home-order = Order a dialogue
home-queue = Order queue
home-all-processes = All processes
home-manage = Manage organisation
home-facilitating = Processes you facilitate
home-ordered = Processes you ordered
home-continue = Continue: { $title }

## Organisations
orgs-none = There are no organisations yet.
org-create = Create organisation
org-name = Organisation name
units-title = Units
units-none = There are no units yet.
unit-name = Unit name
unit-create = Add unit
members-title = Staff and roles
roles-save = Save roles: { $name }

## Methods
methods-intro = Method library. The facilitator can adapt a method’s questions and durations for each process.
method-phases = { $count ->
    [one] { $count } part
   *[other] { $count } parts
}
method-total-minutes = Total duration about { $minutes } min.
method-ground-rules = Ground rules
method-version = Version { $version }
method-group-size = Group size { $range } people
method-not-chosen = The method is chosen when the plan is agreed
method-adapted-from = Adapted from the method { $name } (version { $version })
group-format-circle = whole circle
group-format-pairs = pairs
group-format-tables = small tables
group-format-open_space = open space
group-format-solo = on your own
session-role-facilitator = facilitator
session-role-note_taker = note-taker
session-role-table_host = table host

## Formats, participants, languages
format-face_to_face = Face to face
format-online = Online
format-hybrid = Hybrid
kind-staff = Staff
kind-residents = Residents
kind-pupils = Pupils
kind-parents = Parents
kind-clients = Clients
kind-other = Others
plang-fi = Finnish
plang-sv = Swedish
plang-en = English
plang-ar = Arabic
plang-so = Somali
plang-other = Other language

## Order
order-title = Order a dialogue process
order-intro = Tell us who the dialogue is for and why. The coordinator assigns a facilitator to the process, and together you agree how the dialogue will be run.
order-community = Team, workplace or group
order-community-hint = For example ‘Home care team 3’ or ‘Year 8 at the school’.
order-unit = Unit
order-unit-none = No unit
order-reason = Why now?
order-reason-hint = What situation or change makes the dialogue timely?
order-outcome = What do you hope the dialogue will bring?
order-outcome-hint = For example, shared understanding, good practices or things to improve.
order-timing = Timing
order-timing-hint = A rough idea, for example ‘February–March’.
order-participant-count = Number of participants
order-participant-count-hint = An estimate is enough.
order-participant-kinds = Who are the participants?
order-languages = Participants’ languages
order-format = Format
order-method = Method
order-method-hint = If you are not sure, choose ‘Please advise me’: the facilitator will suggest a suitable method.
order-needs-outsider = Outside facilitator
order-needs-outsider-yes = The community needs a facilitator from outside our organisation
order-needs-outsider-hint = For example a management team, a board or a community in a crisis where every colleague is a party. A facilitator from a partner organisation is then proposed.
order-method-advise = Please advise me
order-submit = Send order

## Process lists
list-title = Processes in the organisation
list-queue-title = Order queue: waiting for a facilitator
list-count = { $count ->
    [0] No processes.
    [one] { $count } process.
   *[other] { $count } processes.
}
filter-title = Filter processes
filter-any = All
filter-from = Sessions from
filter-to = Sessions until
filter-apply = Filter
filter-error = The filter had an invalid value.
col-process = Process
col-state = Status
col-unit = Unit
col-method = Method
col-facilitator = Facilitator
col-sessions = Sessions
facilitator-none = Not assigned yet
sessions-none = No sessions yet

## States and transitions
state-ordered = Ordered
state-agreed = Agreed
state-phase1 = Part 1
state-phase2 = Part 2
state-summary = Summary
state-closed = Closed
state-cancelled = Cancelled
transition-agree = Confirm agreement
transition-start_phase1 = Start part 1
transition-start_phase2 = Start part 2
transition-start_summary = Move to summary
transition-close = Close process
transition-cancel = Cancel process
transition-error-not-from = This change is not possible in the process’s current status.
transition-error-no-facilitator = The process does not have a facilitator yet.
transition-error-no-method = The plan has no method.
transition-error-no-session = The plan has no sessions.
transition-error-not-approved = Both the orderer and the facilitator must approve the current version of the plan.
transition-error-single-phase = The method has only one part. Go straight to the summary.
next-assign-facilitator = The coordinator assigns a facilitator to the process.
next-agree-plan = The orderer, the facilitator and the participants’ representatives agree on a plan. When it is ready, the orderer and the facilitator approve it.
next-confirm-agreement = The plan has been approved. The facilitator confirms the agreement.
next-run-phase1 = The facilitator runs the first part’s sessions and moves the process on.
next-run-phase2 = The facilitator runs the second part’s sessions and moves the process to the summary.
next-write-summary = The orderer sums up what was heard and closes the process.
next-nothing = The process has ended.

## Part 6: what next follows the real state; asking before closing or cancelling; reopening; advice
transition-reopen = Reopen process
transition-error-cancelled-from-unknown = The process’s history does not show the status it was cancelled from, so it cannot be reopened.
next-start-phase1 = The plan is agreed. The facilitator starts the first part.
next-run-session = A session is running. The facilitator leads it on the session’s own page.
next-open-session = This part has sessions not yet held. The facilitator opens the next one when the participants are there.
next-plan-session = The plan has no sessions for this part. Add a session to the plan.
next-curate-themes = The first part’s sessions have been held. The facilitator draws the themes for the second part from the notes, then starts the second part.
next-start-summary = The sessions have been held. The facilitator moves the process to the summary.
next-cancelled = The process has been cancelled. If that was a mistake, the coordinator can reopen it.
next-action-plan = Complete the plan
next-action-run = Continue the session: { $title }
next-action-plan-session = Add a session to the plan
next-action-themes = Draw the first part’s themes
next-action-summary = Write the summary
process-cancel-reason = Reason for cancelling: { $reason }
event-state-reason = { $actor } moved the process to: { $state }. Reason: { $reason }
event-advice = { $actor } answered the orderer’s request for advice on the method.
confirm-keep = No, back to the process
confirm-cancel-title = Cancel the process?
confirm-cancel-intro = A cancelled process does not move on and its plan can no longer be edited. A session still open ends. If the process is cancelled by mistake, the coordinator can reopen it.
confirm-cancel-reason = Why is the process cancelled?
confirm-cancel-reason-hint = The reason is shown on the process page and in its history.
confirm-cancel-yes = Yes, cancel the process
confirm-close-title = Close the process?
confirm-close-intro = A closed process cannot be moved or reopened. Following up the practices continues after closing.
confirm-close-yes = Yes, close the process
advice-title = The orderer asked for advice on the method
advice-waiting = No advice has been given yet.
advice-suggested = Suggested method: { $method }
advice-by = { $name }, { $when }
advice-method = Method to suggest
advice-method-none = No particular method
advice-text = Advice to the orderer
advice-text-hint = Say which method would suit and why, or what still needs finding out. The orderer sees the answer on the process page.
advice-submit = Send the advice to the orderer
error-no-advice-asked = This order did not ask for advice on the method.
home-queue-waiting = { $count ->
    [0] no orders waiting
    [one] 1 order waiting
   *[other] { $count } orders waiting
}
home-queue-advice = { $count ->
    [one] 1 asks for advice
   *[other] { $count } ask for advice
}
plan-save-all = Save the plan
plan-saved-draft-kept = The plan is saved. The session you typed has not been added yet: it is waiting below; add it with the “Add session” button.
plan-overrun = In the session { $title }, the steps of part { $phase } take { $stages } minutes together, but the session lasts { $session } minutes. Shorten the steps or lengthen the session.
session-delete-confirm = Remove the session { $title } from the plan? Everything else you typed is kept below. If you do not want to remove it, carry on editing.
session-delete-yes = Yes, remove the session { $title }

## Process page
process-steps = Course of the process
process-next = What happens next
process-people = People
process-orderer = Orderer
process-order = Order
process-created = Ordered
process-history = History
assign-label = Facilitator
assign-submit = Assign facilitator
approve-plan = Approve plan (version { $version })
approved-by-orderer = Orderer { $name } approved this version on { $when }.
approved-by-facilitator = Facilitator { $name } approved this version on { $when }.
agree-checklist = Before the agreement is confirmed
agree-check-facilitator = A facilitator is assigned and has accepted the order
agree-check-method = A method is chosen
agree-check-session = The plan has at least one session
agree-check-orderer = The orderer has approved the current version of the plan
agree-check-facilitator-approved = The facilitator has approved the current version of the plan
check-done = done
check-missing = missing
event-ordered = { $actor } ordered the process.
event-assigned = { $actor } assigned { $facilitator } as facilitator.
event-plan-saved = { $actor } saved version { $version } of the plan.
event-approved-orderer = { $actor } approved version { $version } of the plan as orderer.
event-approved-facilitator = { $actor } approved version { $version } of the plan as facilitator.
event-state = { $actor } changed the process status to: { $state }.

## Plan
plan-title-version = Plan, version { $version }
plan-edit = Edit plan
plan-edit-intro = Each time you save, the plan gets a new version. An approval only applies to the version that was approved.
plan-adapt = Adapt the method’s questions and durations
plan-history = Plan versions
plan-fields = Participants, notes and summary
plan-invited = Who is invited
plan-invited-hint = Who takes part and how they are invited.
plan-representatives = Participants’ representatives
plan-representatives-hint = Which participants’ representatives helped agree the plan.
plan-note-taking = How notes are taken
plan-note-taking-hint = For example a note-taker, participants’ own notes or no notes. Notes do not include names.
plan-summary-use = What happens to the summary
plan-summary-use-hint = Who writes the summary, what it is used for and how participants hear about the results.
plan-summary-visibility = Who can see the summary
visibility-participants = Participants and the people running the process
visibility-organisation = The whole organisation
visibility-public = Public
plan-method = Method
plan-method-hint = The process gets its own copy of the method, which you can adapt. Changing the method replaces earlier adaptations.
plan-method-choose = Choose method
plan-save = Save
plan-sessions = Sessions
phase-n = Part { $n }
session-title = Session name
session-phase = Part
session-date = Date
session-start = Starts
session-end = Ends
session-format = Format
session-place = Place
session-place-hint = Needed when you meet face to face.
session-link = Online meeting link
session-link-hint = Needed for online and hybrid sessions. Starts with https://
session-link-open = Open meeting link
session-when = Time
session-where = Place
session-calendar = Calendar
session-ics = Calendar file: { $title }
session-add = Add session
session-delete = Delete session { $title }
adapt-intro = Change the step durations and questions for this process. One question per line. The original method does not change.
adapt-duration_min = Duration (min)
adapt-prompts = Questions
adapt-prompts-hint = One question per line.
version = Version
version-author = Saved by
version-time = Time
version-current = current

## Live sessions
live-title = Session in progress
live-title-closed = Session ended
live-open-session = Open session: { $title }
live-runs = Opened sessions
live-run-open = open
live-run-closed = ended
live-run-link = { $title } ({ $when })
live-code = Join code
live-join-at = Participants join on their phones at
live-projector = Open the projector view (new window)
live-exports = Download the notes
live-exports-hint = The files hold the notes of every session of the process, without anyone's name.
live-export-csv = Download the notes (CSV)
live-export-json = Download the notes (JSON)
live-projector-title = Projector view
live-qr-label = QR code for { $url }
live-participants = { $count ->
    [one] { $count } participant
   *[other] { $count } participants
}
live-active = { $count ->
    [one] { $count } phone active (last 5 min)
   *[other] { $count } phones active (last 5 min)
}
live-joining-locked = Joining is closed: new phones cannot join, those already in go on.
live-lock-joining = Close joining
live-open-joining = Open joining
live-remove-open = Remove a phone…
live-remove-number = The phone's number in the session
live-remove-number-hint = The number is shown in the turn queue and at the café tables.
live-remove-note = Remove the phone that wrote this…
live-remove-title = Remove the phone from the session?
live-remove-which = Phone number { $n }
live-remove-wrote = The phone that wrote:
live-remove-explain = The phone can no longer open this session or write in it. Its notes stay. Who used it is not revealed.
live-remove-confirm = Remove the phone
live-remove-cancel = Cancel
live-remove-unknown = There is no phone with this number in the session.
live-stage = Step { $n }/{ $count }
live-question = Question { $n }/{ $count }
live-no-question = There is no question in this step.
live-timer = Time left
live-start = Start timer
live-pause = Pause timer
live-extend = Add 5 minutes
live-next = Next
live-previous = Previous
live-close = End session
live-controls = Session controls
live-ground-rules = Ground rules
live-board = Notes
live-board-empty = No notes yet.
live-closed = The session has ended. The join code no longer works.
error-live-closed = The session has already ended.
error-feedback-final = The feedback form cannot be opened again: closing it is final.
note-star = Star
note-unstar = Remove star
note-hide = Hide
note-show = Show
note-edit = Correct
note-hidden-mark = Hidden from the board and the projector
note-starred-mark = Starred
note-edit-title = Correct a note
note-edit-label = Text of the note
note-edit-hint = Fix typing errors. The original text is kept in the history.
note-edit-save = Save correction
note-edit-back = Back to the session
note-history-title = History of changes
note-history-none = The note has not been changed.
note-history-hide = { $who } hid the note on { $when }.
note-history-show = { $who } showed the note again on { $when }.
note-history-star = { $who } starred the note on { $when }.
note-history-unstar = { $who } removed the star on { $when }.
note-history-edit = { $who } corrected the text on { $when }: ‘{ $old }’ → ‘{ $new }’.
live-feedback-open = Open the feedback form
live-feedback-close = Close the feedback form
live-feedback-close-warning = Closing is final: the form cannot be opened again and no more answers are taken. The results are shown if at least five people answered.
live-feedback-close-confirm = Close the feedback form for good
live-feedback-is-open = The feedback form is open on the phones. Answers so far: { $count }.
live-feedback-results = { $count ->
    [one] Feedback results ({ $count } answer)
   *[other] Feedback results ({ $count } answers)
}
live-run-feedback = Feedback
fb-results-title = Session feedback
fb-responses = { $count ->
    [0] No answers.
    [one] { $count } answer.
   *[other] { $count } answers.
}
fb-not-yet = The results are shown once the feedback form is closed.
fb-too-few = { $count ->
    [0] Nobody answered. Results are shown from five answers.
    [one] Only one person answered. Results are shown from five answers, so that nobody's answer can be recognised.
   *[other] { $count } people answered. Results are shown from five answers, so that nobody's answer can be recognised.
}
fb-average = Average { $avg } / 5
fb-answered = { $count } answered
fb-no-answers = No answers.
fb-value = Value
fb-count = Answers
fb-bar = { $count ->
    [one] { $count } answer · { $percent }%
   *[other] { $count } answers · { $percent }%
}
number-1 = { NUMBER($n, minimumFractionDigits: 1, maximumFractionDigits: 1) }
plan-feedback-scale = Feedback statements (scale 1–5)
plan-feedback-scale-hint = One statement per line. If you leave this and the open question empty, the defaults are used: ‘I was heard’, ‘The conversation felt safe’, ‘The topic mattered to me’ and an open question.
plan-feedback-open = Open feedback question
plan-feedback-open-hint = For example ‘What else would you like to say?’
scribe-open = Note-taker view: record the conversation from the keyboard
scribe-title = Note-taker view
scribe-back = Back to the session
scribe-intro = Type one note at a time and press Enter. Notes go to the board without names.
scribe-note = Note
scribe-note-hint = Enter saves and empties the field for the next one.
scribe-question = Question
scribe-question-hint = Alt+1…9 chooses the question from the keyboard.
scribe-lang = Language the note is written in
scribe-save = Save the note
scribe-saved = Saved. Type the next one.
scribe-recent = Recently recorded
live-meeting = Online meeting:
live-hands = Turn queue
live-hands-none = Nobody has asked for a turn.
live-participant-n = Participant { $n }
live-give-turn = Give the turn
cafe-title = Learning café
cafe-intro = Seat the participants at tables. Each table has its own question and, if you like, a host. Participants change tables every round so that they meet as many different people as possible.
cafe-questions = Questions of the tables
cafe-questions-hint = One question per line; each line is a table (at most 26).
cafe-rounds = Rounds
cafe-setup = Set up the tables
cafe-not-started = The rounds have not started. Choose the hosts and start the first round.
cafe-round-now = Round { $n }/{ $count }
cafe-repeats = Repeated encounters: { $repeats }.
cafe-random = A random seating would give { $random } on average.
cafe-pairs = Different pairs who have met: { $pairs }.
cafe-table = Table { $table }
cafe-host = Table host
cafe-host-none = No host
cafe-hosts-save = Save the hosts
cafe-seated = This round:
cafe-next = Start round { $n }
cafe-finished = All rounds have been played.
error-no-cafe = This session has no learning café.
error-cafe-finished = All rounds have been played already.
error-cafe-too-few = There are more tables than participants. Wait until more have joined.
live-share-previous = Show the previous session's feedback to participants
live-unshare-previous = Hide the previous session's feedback
note-merged-mark = Merged into another note
note-duplicates = { $count ->
    [one] { $count } similar note merged into this one
   *[other] { $count } similar notes merged into this one
}
note-merge-title = Merge a duplicate
note-merge-label = Merge this note into
note-merge-hint = This note is hidden and counted as a duplicate of the one you choose. Its text stays in the history.
note-merge-submit = Merge
note-history-merge = { $who } merged the note into another on { $when }.
note-table-mark = Table { $table }
note-move-title = Move to another table
note-move-label = Table
note-move-submit = Move
note-history-move = { $who } moved the note to another table or group on { $when }.
fb-per-phase = Feedback by part
fb-statement = Statement
fb-average-col = Average (1–5)
fb-phase-withheld = { $count ->
    [one] One answer from sessions with fewer than five respondents is not counted.
   *[other] { $count } answers from sessions with fewer than five respondents are not counted.
}
os-title = Open space
os-intro = Participants propose the topics themselves and choose which group to join. First write the times and the spaces; the topic marketplace opens on the participants' phones at once.
os-slots = Times
os-slots-hint = One time per line, for example 10.00–10.45 (at most 8).
os-spaces = Spaces
os-spaces-hint = One space per line, for example Hall A. Online, write the breakout room's link after the name (at most 20).
os-setup = Open the topic marketplace
os-save = Save times and spaces
os-edit = Edit times and spaces
os-marketplace-is-open = The topic marketplace is open: participants can propose topics.
os-marketplace-is-closed = The topic marketplace is closed.
os-marketplace-open = Open the topic marketplace
os-marketplace-close = Close the topic marketplace
os-running = The groups meet now: { $slot }
os-slot = Time
os-run = Start the groups
os-end = End the group work
os-schedule = Schedule
os-time = Time
os-now = now
os-free = free
os-picks = { $count ->
    [one] { $count } going
   *[other] { $count } going
}
os-topics = { $count ->
    [one] { $count } topic
   *[other] { $count } topics
}
os-no-topics = No topics have been proposed yet.
os-hidden-mark = hidden
os-place = Time and space
os-unplaced = Not on the schedule
os-place-save = Place
os-topic-hide = Hide
os-topic-show = Show
os-add-topic = Add a topic
os-add-topic-hint = For example a topic someone said aloud.
os-add-topic-button = Add the topic
os-topics-full = The session already has as many topics as fit.
os-cell-taken = Another topic was just placed at that time and space. Choose another.
# The runner's set-up view, ending a café and the group work, asking before ending a session
live-setup-open = Set up a learning café or open space
live-setup-title = Setting up group work
live-setup-back = Back to running the session
live-joining = Joining
live-close-ask = End session…
live-close-warning = This cannot be undone: the join code stops working and phones can no longer write. The notes are kept.
cafe-end = End the learning café
cafe-ended = The learning café has ended. Phones no longer show tables, and new notes answer the stage's question.
cafe-hosted-by = host: participant { $n }
cafe-hosts-edit = Tables and hosts
os-ended = The group work has ended.
os-end-slot = End this time slot's groups
os-topics-edit = Topics and schedule
error-no-open-space = This session has no open space.
note-topic-mark = Topic: { $topic }
note-move-topic-title = Move to another group
note-move-topic-label = Topic
note-move-topic-none = No group
event-themes-proposed = { $actor } had themes proposed (version { $version }).
event-themes-curated = { $actor } edited the themes (version { $version }).
event-practice-saved = { $actor } recorded a practice.
event-practice-status = { $actor } set a practice's status to: { $status }.
practice-status-agreed = agreed
practice-status-in_progress = in progress
practice-status-done = done
practice-status-dropped = dropped
os-default-slot = Round 1
os-default-space = Space { $n }
themes-title = Themes
themes-scopes = From which notes
themes-scope-process = The whole process
themes-scope-phase = Part { $n }
themes-scope-session = Session { $when }
themes-notes = { $count ->
    [one] { $count } note
   *[other] { $count } notes
}
themes-notes-in-scope = { $count ->
    [one] There is { $count } note here.
   *[other] There are { $count } notes here.
}
themes-version = version { $version }
themes-curated = edited
themes-proposed = machine proposal
themes-none = There are no themes yet. A theme proposal groups the notes by their own words; then you can rename, merge and split the themes.
themes-propose = Propose themes
themes-propose-again = Propose themes again
themes-no-notes = There are no notes here yet to propose themes from.
themes-confirm-title = Replace the edited themes?
themes-confirm-text = You have edited these themes. A new proposal takes their place; the current themes are kept as an earlier version.
themes-confirm-yes = Yes, make a new proposal
themes-confirm-no = Cancel
themes-add-new = { $count ->
    [one] Take in { $count } new note
   *[other] Take in { $count } new notes
}
themes-representative = The most telling notes
themes-all-notes = All notes of the theme
themes-label = Theme name
themes-rename = Rename
themes-merge-into = Merge into the theme
themes-merge = Merge
themes-remove = Remove the theme
themes-split-label = Name of the new theme
themes-split = Split off the chosen
themes-split-hint = Choose below the notes that move to the new theme.
themes-move-to = Move to the theme
themes-move = Move
themes-unsorted = { $count ->
    [one] { $count } unsorted note
   *[other] { $count } unsorted notes
}
themes-unsorted-hint = These fitted no theme. Move them to a theme or leave them here.
themes-unsorted-option = To the unsorted
themes-unplaced-lang = Language: { $lang } ({ $count ->
    [one] { $count } note
   *[other] { $count } notes
})
themes-unplaced-too-few = Too few notes were written in this language for themes of their own. Read them and move each into the theme it belongs to.
themes-error-label = Give the theme a name (at most 200 characters).
themes-error-no-note = Choose the notes first.
themes-error-too-many = There are already as many themes as allowed.
themes-error-theme = Choose another theme.
themes-error-stale = Someone else edited the themes at the same time. Here is the latest version; make your change again.
themes-error-choose = Choose at least one theme.
themes-error-cafe-exists = The session already has a learning café.
themes-old-version = This is version { $version } of the themes.
themes-latest = Show the latest version
themes-to-session = From themes to the work of part 2
themes-to-session-hint = The chosen themes become, in one step, the tables of a learning café or the topics of an open space in an open session.
themes-choose = Themes
themes-session = Session
themes-session-option = Part { $phase }, session { $session }
themes-as = Form
themes-as-cafe = Learning café tables
themes-as-open-space = Open space topics
themes-to-session-submit = Take to the session
themes-open = Themes: what the notes talk about
themes-save = Save changes
themes-list = Themes on this page
themes-choose-hint = Choose notes with the check boxes and move them at once: with a theme's own button or with the move bar at the bottom of the page.
themes-move-here = Move the chosen notes to this theme
themes-move-chosen-title = Chosen notes
themes-new-option = New theme…
themes-new-hint = When you move notes to a new theme, give it a name.
themes-remove-title = Remove the theme “{ $label }”?
themes-remove-text = { $count ->
    [one] Its { $count } note goes to the unsorted notes; nothing is deleted.
   *[other] Its { $count } notes go to the unsorted notes; nothing is deleted.
}
themes-remove-yes = Yes, remove the theme
themes-remove-no = Keep it
themes-to-session-none = The plan has no part 2 session yet.
themes-to-session-plan = Add a session to the plan
themes-session-open = { $title } (running)
themes-session-planned = { $title } (opens now)
themes-choose-count = { $count ->
    [one] { $count } theme goes: choose
   *[other] All { $count } themes go: choose
}
themes-phase2-later = Part 2 work starts once part 1 is over. Part 2 is started on the process page; after that the themes go to a session from here.
practices-title = Practices
practices-open = Practices and their follow-up
practices-intro = What the work community agreed: what we keep and strengthen, what we develop, who takes it forward and by when. Update the status as things move.
practices-none = No practices yet.
practice-kind = Kind
practice-kind-keep = We keep and strengthen
practice-kind-develop = We develop
practice-title = Practice
practice-owner = Who takes it forward
practice-owner-hint = A role or a name, for example team lead.
practice-due = By when
practice-group-mark = Group: { $group }
practice-owner-mark = Taken forward by: { $owner }
practice-no-owner = Nobody named yet
practice-due-mark = by { $due }
practice-overdue = overdue
practice-status = Status
practice-status-save = Update
practice-edit = Correct the practice
practice-save = Save
practice-add = Add a practice
practice-add-submit = Add
summary-open = Summary
summary-title = Summary
summary-none = No summary has been drafted yet. The draft is drawn from the themes, their most telling notes, the practices and the feedback; then you can edit it freely.
summary-draft = Draft the summary
summary-h-heard = What we heard
summary-no-themes = No themes have been drawn yet. Draw them from the notes on the themes page.
summary-theme-notes = { $count ->
    [one] { $count } note was written on this theme.
   *[other] { $count } notes were written on this theme.
}
# Introduces a theme's example notes, only when at least one follows.
summary-theme-examples = Examples:
summary-h-practices = Practices agreed
summary-h-feedback = Feedback
summary-feedback-answers = { $count ->
    [one] { $count } answer
   *[other] { $count } answers
}
summary-h-next = What happens next
summary-next-placeholder = Tell here how the summary and the practices will be used from now on.
summary-state-draft = draft
summary-state-review = out for comments
summary-state-published = published
summary-history = Versions of the summary
summary-history-row = Version { $version } ({ $state }): { $who }, { $when }
summary-read-at = Participants read the summary at
summary-exports = Download:
summary-kind-heading = Heading
summary-kind-paragraph = Paragraph
summary-kind-quote = Quote
summary-sources = { $count ->
    [one] { $count } source note
   *[other] { $count } source notes
}
summary-drop = Remove this part
summary-new-paragraph = A new paragraph at the end
summary-save = Save the summary
summary-to-review = Send to the participants for comments
summary-to-draft = Turn back into a draft
summary-publish = Publish to the participants
summary-preview = Preview
summary-preview-title = Preview: the summary as it will read
summary-preview-note = This is not saved yet. Save it or go back to editing; everything you typed is kept.
summary-edit-continue = Continue editing
summary-document = The summary being edited
summary-field-heading = Subheading
summary-field-paragraph = Paragraph { $n }: { $section }
summary-field-quote = Quote { $n }: { $section }
summary-buttons-hint = Every button also saves your changes to the text.
summary-unsaved-title = Text you typed that was not saved
summary-comments = { $count ->
    [one] { $count } comment from the participants
   *[other] { $count } comments from the participants
}
summary-error-block = Item { $n }: { $error }
summary-error-too-many = The summary has too many parts.
summary-error-stale = Someone else saved the summary at the same time. Here is the latest version; make your change again.
summary-sources-title = What this rests on
summary-back = Back to the summary
share-open-page = Share the summary with the whole community by a link and QR code
share-title = Sharing the summary
share-explain = With the link, anyone you give it to can read the summary, including those who never joined a session from a phone. While the summary is out for comments, whoever holds the link can comment on it too. The link shows what participants see: no draft and nobody's name.
share-revoked-done = The link is revoked. It no longer opens the summary.
share-made-title = New link
share-made-once = Copy the link or print the QR code now: the link is not stored, so it cannot be shown again. If it gets lost, revoke it and make a new one.
share-url-label = Link to the summary
share-qr-label = QR code that opens the link to the summary
share-open-link = Open the shared summary
share-active = The summary's link has worked since { $since }.
share-lost = The link is not shown again. If it was lost or reached the wrong people, revoke it and make a new one.
share-revoke = Revoke the link
share-revoke-title = Revoke the link?
share-revoke-explain = The link stops working at once: those holding it can no longer read or comment on the summary. Comments already sent are kept. You can make a new link.
share-revoke-confirm = Revoke the link
share-revoke-cancel = Do not revoke
share-make = Make a link and QR code
share-not-readable = The summary can be shared once it has been sent for comments or published.
event-summary-saved = { $actor } saved version { $version } of the summary ({ $state }).
event-summary-link-made = { $actor } shared the summary with the whole community by a link.
event-summary-link-revoked = { $actor } revoked the summary's sharing link.
summary-export-orderer = Ordered by
summary-export-state = Status
summary-export-date = Dated
# The dialogue catalogue
cat-open = Dialogue catalogue
cat-org-title = Dialogue catalogue: { $org }
cat-org-intro = Where and how the organisation uses dialogue: processes run in vuoro count by themselves; other activity is recorded here by hand or imported from a listing.
cat-completeness = Completeness
cat-completeness-figure = { $percent } % of the details are recorded
cat-no-gaps = Every line has a context, a method, a count and a period.
cat-entries = { $count ->
    [one] { $count } line
   *[other] { $count } lines
}
cat-missing = Missing
cat-missing-context = context
cat-missing-method = method
cat-missing-count = count
cat-missing-period = period
cat-requests = Requests to complete
cat-requests-none = No requests to complete.
cat-request-missing = What to complete
cat-request-message = Message
cat-request-send = Send a request to complete
cat-request-open = open
cat-request-resolved = resolved
cat-request-resolve = Mark as resolved
cat-recorded = Recorded activity
cat-recorded-none = No recorded activity yet.
cat-add = Record dialogue activity
cat-edit = Edit the record
cat-save = Save
cat-delete = Delete the record
cat-not-public = not public
cat-processes = Processes run in vuoro
cat-processes-intro = These count in the catalogue by themselves, each once.
cat-processes-none = No processes have run in vuoro yet.
cat-process-public = A dialogue process in vuoro
cat-origin-manual = recorded by hand
cat-origin-import = imported from the listing, line { $line }
cat-origin-process = a process run in vuoro
cat-imported-from = Imported from the listing, line { $line }: “{ $text }”
cat-unstructured = Lines left unstructured
cat-unstructured-intro = These lines of the listing were imported as they were, since no activity was recognised in them.
cat-settings = Publishing and basic details
cat-settings-save = Save
cat-region = Region
cat-region-hint = For filtering the peer listing, for example North Ostrobothnia.
cat-trained = Trained facilitators
cat-public = Peer listing
cat-public-yes = The organisation appears in the public peer listing and as open data
cat-publish-processes = Processes in vuoro
cat-publish-processes-yes = Processes run in vuoro count in the public figures (without the work communities' names)
cat-text = Description
cat-text-hint = In the organisation's own words.
cat-status = Status
cat-status-done = Done
cat-status-planned = Planned
cat-contexts = Context
cat-contexts-hint = The first one chosen is the main one.
cat-topics = Topics
cat-tags = Own tags
cat-tags-hint = Separated by commas.
cat-method = Method
cat-method-unknown = Not known
cat-unit = Unit or sector
cat-target-group = Target group
cat-languages = Languages
cat-format = Format
cat-format-unknown = Not known
cat-period = Period
cat-period-hint = A year or years, for example 2021 or 2019–2021. Ongoing: 2021–
cat-period-from = from { $year }
cat-count = Count
cat-count-hint = As you know it: for example 7, about 10, 10–15 a year.
cat-count-exact = { $n }
cat-count-about = about { $n }
cat-count-range = { $min }–{ $max }
cat-count-at-least = at least { $n }
cat-count-per-year = { $count } a year
cat-activity-public = Publicity
cat-activity-public-yes = The record may appear in the peer listing
# The peer listing
listing-title = Peer listing: dialogue in organisations
listing-intro = In which contexts and on which topics organisations hold dialogues, how often, and what is coming. The listing is built from the organisations' own records and the processes run in vuoro; only what an organisation published is included.
listing-filter = Filter
listing-all = All
listing-year = Year
listing-year-error = That year will not do: give a year from { $min } to { $max }. The year was not used to filter.
listing-count = { $count ->
    [one] { $count } record
   *[other] { $count } records
}
listing-overall = { $percent } % of the details recorded
listing-download = Download the listing:
listing-charts = Activity in pictures
listing-chart-context = Records per context
listing-chart-year = Records per year
listing-chart-desc = A bar chart; the same figures are in the table below.
listing-chart-table = { $title } as a table
listing-chart-label = Group
listing-chart-value = Records
listing-chart-empty = No records with these filters.
listing-compare = Organisations side by side
listing-compare-orgs = Organisations to compare
listing-compare-submit = Compare
listing-compare-none = Choose at least one organisation.
listing-none = No published records with these filters.
listing-processes = Processes run in vuoro: { $count }
nav-listing = Peer listing

# Open data API
api-bad-query = The query's parameters could not be read.
api-repeated-parameter = The same parameter was given more than once.
api-unknown-parameter = Unknown parameter. Allowed: org, context, method, topic, region, year and status.
api-bad-org = The organisation id is not valid.
api-bad-context = Unknown context code.
api-bad-method = Unknown method code.
api-bad-topic = Unknown topic code.
api-bad-region = The region is missing or too long.
api-bad-year = The year must be a number from 1950 to 2100.
api-bad-status = The status must be done or planned.

# Organisation plans
orgplan-open = Plans that dialogue feeds
orgplan-list-title = Plans: { $org }
orgplan-intro = Name the organisation's plans (an open government action plan or a strategy, for example) and their areas. Link dialogue processes to the areas, and their published summaries tell what the dialogues said about each area.
orgplan-plans = Plans
orgplan-none = No plans have been named yet.
orgplan-area-count = { $count ->
    [one] { $count } area
   *[other] { $count } areas
}
orgplan-process-count = { $count ->
    [one] { $count } linked process
   *[other] { $count } linked processes
}
orgplan-new = New plan
orgplan-create = Save the plan
orgplan-name = Name of the plan
orgplan-name-hint = For example "Open government action plan 2023–2027".
orgplan-description = Description
orgplan-areas = Areas
orgplan-areas-hint = One area a line, at most { $max }.
orgplan-areas-too-many = At most { $max } areas.
orgplan-area-line = Line { $line }: { $error }
orgplan-back-to-list = Back to the plans
orgplan-page-intro = Under each area are the dialogue processes linked to it and what their published summaries said.
orgplan-area-empty = No processes have been linked to this area yet.
orgplan-process-anonymous = Dialogue process
orgplan-said = What the dialogue said
orgplan-no-summary = The summary has not been published yet.
orgplan-summary-not-shared = The process's plan does not share its summary with you: only those its summary visibility allows see it.
orgplan-unlink = Unlink from the area { $area }
orgplan-link = Link
orgplan-link-process = Link a process to this area
orgplan-link-area = Link to an area of a plan
orgplan-process-title = Plans
orgplan-process-none = The process is not linked to any area of a plan.
cat-home-requests = { $count ->
    [one] The dialogue catalogue has a request to complete it
   *[other] The dialogue catalogue has { $count } requests to complete it
}
listing-sources = Imported listings
listing-source-untitled = An untitled listing
listing-source-imported = imported { $when }

## Notices: the community's addresses
community-title = The community's e-mail
community-edit = Edit the addresses
community-page-title = Sending the summary to the community
community-explain = When the summary is sent for comments and when it is published, each address given here gets a message with a link to the summary. The message names no participant.
community-addresses = E-mail addresses of the community's members
community-addresses-hint = One address per line. The addresses are deleted when the summary is published.
community-list = Or one mailing list address
community-list-hint = For example the team's mailing list. A list address is kept after publication, since it names nobody.
community-save = Save the addresses
community-saved = The addresses were saved.
community-none = No addresses were given.
community-is-list = The mailing list { $address } (kept after publication).
community-are-people = { $count ->
    [one] { $count } address (deleted when the summary is published).
   *[other] { $count } addresses (deleted when the summary is published).
}
community-deleted = { $count ->
    [one] { $count } address was deleted on { $date }, when the summary was published.
   *[other] { $count } addresses were deleted on { $date }, when the summary was published.
}
community-published = The summary is published, so nothing more is sent to the addresses.
community-mail-off = E-mail is not set up on this server, so no messages are sent.
community-error-line = Line { $line }: “{ $text }” is not an e-mail address.
community-error-too-many = Give at most { $max } addresses.
community-error-list = The mailing list address is not an e-mail address.
community-error-both = Give either the members' addresses or one mailing list address, not both.
community-mailed = { $count ->
    [one] The summary was sent to { $count } address of the community.
   *[other] The summary was sent to { $count } addresses of the community.
}
community-link-renewed = The messages carry a new link to the summary. The earlier link no longer opens it.
community-deleted-now = { $count ->
    [one] The community's { $count } e-mail address was deleted on publication.
   *[other] The community's { $count } e-mail addresses were deleted on publication.
}

## Mail: session-reminder
mail-session-reminder-subject = Reminder: { $session } on { $date }
mail-session-reminder-text =
    You facilitate the session “{ $session }” of the dialogue process { $process } on { $date } at { $time }.

    Place: { $place }

    The plan and opening the session are on the process's page: { $link }

## Mail: practice-follow-up
mail-practice-follow-up-subject = Follow-up date of a practice: { $practice }
mail-practice-follow-up-text =
    The practice “{ $practice }”, agreed in the dialogue process { $process }, is due for follow-up on { $date }.

    Record how it has gone: { $link }

## Mail: summary-for-comments
mail-summary-for-comments-subject = The dialogue's summary is open for comments: { $process }
mail-summary-for-comments-text =
    The summary of the dialogue { $process } is ready to read and comment on.

    Read the summary and comment on it anonymously: { $link }

    You received this message because the one who ordered the dialogue gave your address for sending the summary. Personal addresses are deleted when the summary is published.

## Mail: summary-published
mail-summary-published-subject = The dialogue's summary is published: { $process }
mail-summary-published-text =
    The summary of the dialogue { $process } is published.

    Read the summary: { $link }

    You received this message because the one who ordered the dialogue gave your address for sending the summary. Personal addresses have now been deleted.
## Mail: settings (the preferences page, the kinds of mail, the footer of mail that can be turned off)
nav-mail-settings = E-mail
mail-prefs-title = E-mail settings
mail-prefs-intro = Messages are sent to { $email }.
mail-prefs-kinds = What you want to be told about
mail-prefs-always = Invitations, password reset links and address confirmations are always sent.
mail-prefs-lang = Language of the messages
mail-prefs-save = Save settings
mail-prefs-saved = Your e-mail settings have been saved.
mail-prefs-not-in-use = This service does not send e-mail yet. Your settings apply once it does.
mail-kind-invitation = An invitation to an organisation
mail-kind-password-reset = A link to reset your password
mail-kind-address-confirmation = Confirming your e-mail address
mail-kind-order-assigned = You are offered a process to facilitate
mail-kind-plan-awaiting-approval = A process plan waits for your approval
mail-kind-session-reminder = A reminder the day before a session
mail-kind-practice-follow-up = Follow-up dates of agreed practices
mail-kind-summary-for-comments = A summary is open for comments
mail-kind-summary-published = A summary is published
mail-footer-settings = You can choose which e-mail you get: { $link }

## Mail: order-assigned
mail-order-assigned-subject = You are offered { $process } to facilitate
mail-order-assigned-text =
    { $by } offers you the facilitation of the dialogue process { $process }.

    Read the order and answer whether you take it on the process page: { $link }

## Mail: plan-awaiting-approval
mail-plan-awaiting-approval-subject = A plan waits for your approval: { $process }
mail-plan-awaiting-approval-text =
    { $author } changed the plan of the dialogue process { $process }. The new version waits for your approval.

    Read and approve the plan on the process page: { $link }
## Rights: retention
retention-title = Retention
retention-rule = { $months ->
    [one] Participants' raw data is deleted one month after the summary is published: notes, feedback answers, open-space topics, comments on the summary and shown names.
   *[other] Participants' raw data is deleted { $months } months after the summary is published: notes, feedback answers, open-space topics, comments on the summary and shown names.
}
retention-keeps = The summary, themes and practices are kept.
retention-due = The deletion is due on { $date }.
retention-deleted-notes = Raw notes deleted { $date } ({ $count })
retention-deleted-feedback_answers = Feedback answers deleted { $date } ({ $count })
retention-deleted-shown_names = Names participants showed deleted { $date } ({ $count })
retention-deleted-summary_comments = Comments on the summary deleted { $date } ({ $count })
retention-deleted-topics = Open-space topics deleted { $date } ({ $count })
retention-months = Retention in months
retention-months-hint = { $min }–{ $max } months after the summary is published.
retention-save = Save the retention period
retention-change-link = Change it on the process page
retention-months-invalid = The retention period must be 1–60 months.

## Rights: a person's data
person-open = { $name }: data, export and removal
members-former = Former members
members-former-hint = They no longer hold roles in this organisation. Their data can still be exported or removed.
person-former-member = Former member, no roles
person-export-title = The person's data
person-export-intro = Download as a JSON file everything the service holds about this person in this organisation: the account, roles, processes ordered and facilitated, plan versions, approvals, entries in the processes' logs and the times of log-ins. The file holds no participant's data. The export is recorded in the audit log.
person-export = Download the data (JSON)
person-remove-title = Anonymising and deleting
person-anonymise-intro = Anonymising replaces the name and address with a code, ends the log-in and removes the roles. What the person did stays in the processes' history under that code.
person-anonymise = Anonymise { $name }
person-delete-intro = Deleting does the same, but the history shows only a dash in the person's place, so their actions can no longer be linked to each other.
person-delete = Delete { $name }
person-anonymise-confirm = Anonymise { $name }? The name and address cannot be restored.
person-delete-confirm = Delete { $name }? The name and address cannot be restored.
person-anonymise-yes = Yes, anonymise
person-delete-yes = Yes, delete
person-keep = No, back to the person's page
person-refused-facilitating = { $name } facilitates a process that is still running. Ask a coordinator to assign another facilitator first.
person-refused-beyond = { $name } also works in other organisations or is a site administrator. A site administrator can do this.
person-not-yourself = You cannot anonymise or delete yourself. Ask another admin.

## Rights: the audit log
audit-open = Audit log
audit-title = Audit log
audit-intro = The organisation's administrative actions: who did what, when and to whom. The log never names a participant.
audit-entries = Actions
audit-none = No actions recorded yet.
audit-more = Show older
audit-col-when = When
audit-col-who = Who
audit-col-what = What
audit-col-whom = To whom
audit-col-detail = Detail
audit-server = The service (daily run)
audit-removed-person = Removed person
audit-invitations-none = No invitations.
audit-invitation-line = { $at }: { $actor } invited { $email }
audit-action-staff_exported = A person's data exported
audit-action-staff_deleted = Person deleted
audit-action-staff_anonymised = Person anonymised
audit-action-retention_changed = Retention changed
audit-action-retention_deleted = Raw data deleted
audit-action-sign_on_mapping_changed = Sign-on groups changed
audit-action-password_login_changed = Password log-in changed
audit-detail-password-off = Password log-in turned off
audit-action-partnership_proposed = A partnership was proposed
audit-action-partnership_accepted = A partnership was accepted
audit-action-partnership_ended = A partnership ended
audit-detail-partnership = { $org }: { $scope }
audit-detail-password-on = Password log-in allowed
audit-detail-group-removed = group removed
audit-detail-sign-on-group = Group { $group }: { $roles }
audit-detail-deleted-shown_names = names { $count }
audit-detail-deleted-summary_comments = comments { $count }
audit-detail-deleted-topics = topics { $count }
audit-detail-deleted-feedback_answers = feedback answers { $count }
audit-detail-deleted-notes = notes { $count }
audit-detail-retention-deleted = { $process }: { $what }
audit-detail-retention-changed = { $process }: { $before } → { $after } months

## Mail: invitation
mail-invitation-subject = Invitation to vuoro: { $org }
mail-invitation-text =
    { $inviter } invited you to join the organisation { $org } in vuoro, where dialogues are ordered, planned and run.

    Accept the invitation here: { $link }

    The link works until { $until } and only once. It is meant for you alone, so do not share it. If you did not expect this invitation, you can ignore this message.

## Mail: password-reset
mail-password-reset-subject = A new password for vuoro
mail-password-reset-text =
    Hello { $name },

    a link to choose a new password was asked for the account { $email }. Choose the new password here: { $link }

    The link works until { $until } and only once. When you choose a new password, every log-in of the account ends.

    If you did not ask for the link, you can ignore this message: your password stays as it is.

## Mail: address-confirmation
mail-address-confirmation-subject = Confirm your email address in vuoro
mail-address-confirmation-text =
    Hello { $name },

    an account with the address { $email } was made for you in vuoro with an invitation link. Confirm that the address is yours and choose a password for the account at the same time: { $link }

    You may choose the same password as before. At the same time the account's other log-ins end, and after that other organisations can give you roles too.

    The link works until { $until } and only once.
## Sign-on
login-sso = Log in with your organisation's account
login-sso-hint = You log in at your organisation's sign-on service with the same account as in its other services.
login-password-title = Log in with a password
login-password-off = Your organisation has turned off logging in with a password. Log in with your organisation's account.
role-via-sign_on = sign-on groups
sso-refused-title = Logging in did not succeed
sso-back-to-login = Back to logging in
sso-refused-state = The sign-on could not be matched to this browser: it had expired, was used already or was started in another browser. Start logging in again.
sso-refused-provider = Your organisation's sign-on service did not accept the sign-on, or it was cancelled. Try again or log in with a password.
sso-refused-token = The answer of your organisation's sign-on service could not be checked. Try again in a moment. If it happens again, contact the service's administrators.
sso-refused-no-email = The sign-on service did not give your e-mail address, so your account could not be linked to vuoro. Contact your organisation's administrator.
sso-refused-unverified = The sign-on service has not verified your e-mail address, so it could not be used to link your account. Verify the address at the sign-on service or contact your organisation's administrator.
sso-refused-no-account = You have no account in vuoro yet, and you have not been invited. Ask your organisation's administrator to invite you.
sso-refused-linked = Your account is already linked to another account at your organisation's sign-on service. Log in with that one or contact your organisation's administrator.
sso-provider-down = Your organisation's sign-on service could not be reached just now. Try again in a moment or log in with a password.
sso-throttled = Too many sign-ons were started from this address. Wait a moment and try again.
sso-admin-open = Single sign-on
partners-open = Partnerships
partners-title = Partnerships
partners-intro = With a partnership agreement two organisations share their facilitators. When a community needs an outside facilitator, such as a management team, the partner's facilitators appear among the proposals. The partner sees only the processes its facilitator was given, and their hours.
partners-incoming = Proposals to you
partners-propose-title = Propose a partnership
partners-propose = Send the proposal
partners-org = Partner organisation
partners-org-choose = Choose an organisation
partners-scope = Which orders the agreement covers
partners-scope-hint = The agreement shares facilitators both ways. Your own facilitators are always proposed first.
partners-scope-outsider = Only orders that need an outside facilitator
partners-scope-all = All orders
partners-active = Agreements in force
partners-none = No agreements in force.
partners-outgoing = Proposals waiting for an answer
partners-ended = Ended
partners-since-proposed = proposed { $date }
partners-since-active = in force since { $date }
partners-since-ended = ended { $date }
partners-accept = Accept the partnership: { $org }
partners-withdraw = Withdraw the proposal: { $org }
partners-decline = Turn down the proposal: { $org }
partners-end = End the agreement: { $org }
partners-end-confirm = End the agreement with { $org }? No new proposals will be made. Processes already given to a facilitator go on with them to the end.
partners-withdraw-confirm = Withdraw the proposal to { $org }?
partners-decline-confirm = Turn down the proposal from { $org }?
partners-keep = Go back
partners-error-exists = There is already an agreement or a proposal with this organisation.
partners-error-changed = The agreement changed meanwhile. Reload the page.
sso-admin-title = Single sign-on
sso-admin-not-configured = Single sign-on is not set up on this server. You can still prepare the groups; they apply once the service's administrators set up sign-on.
sso-admin-intro = Staff can log in with the organisation's account. The sign-on service's groups can give roles in this organisation.
sso-groups-title = Groups and roles
sso-groups-intro = A group's roles are given at every sign-on to everyone whose account is in the group, and taken away once it no longer is. Roles that no group gives are left as they are. Remove a group by removing all its roles.
sso-group-name = Group
sso-group-name-hint = The group's identifier as the sign-on service gives it (the groups claim), for example a group's id in Entra ID.
sso-group-save = Save the group's roles
sso-groups-none = No groups have been set up yet.
sso-group-update = Save the roles of group { $group }
sso-password-title = Logging in with a password
sso-password-is-on = The organisation's members can also log in with a password.
sso-password-is-off = Logging in with a password is off: the organisation's members log in only with the organisation's account.
sso-password-site-admins = Site administrators can always log in with a password, so that the service can be reached even when the sign-on service is down or set up wrongly.
sso-password-turn-off = Turn off logging in with a password
sso-password-turn-on = Allow logging in with a password
sso-password-off-confirm = Turn off logging in with a password? The organisation's members can then log in only with the organisation's account. The members' open sessions end, and they log in again with the organisation's account.
sso-password-off-yes = Yes, turn off logging in with a password
sso-password-keep = Keep logging in with a password
sso-password-needs-sign-on = Logging in with a password cannot be turned off, because single sign-on is not set up on this server.
sso-password-sign-on-first = First log out and back in with the organisation's account: your session, begun with a password, would no longer reach this organisation once password log-in is off.

## The facilitator network (part 9)
role-via-training = training completed
home-network = Facilitator network
home-own-facilitation = My facilitation
net-title = Facilitator network: { $org }
net-members = { $count ->
    [one] The network has one facilitator.
   *[other] The network has { $count } facilitators.
}
net-training-new = Record a training
net-meeting-new = Record a network meeting
net-trained-title = Trained
net-per-method = Trained per method
net-per-unit = Trained per unit
net-col-trained = Trained
net-none-trained = Nobody in the network is trained yet.
net-idle-title = Longest without facilitating
net-idle-intro = The network's facilitators by when their latest process started; first those who have not facilitated yet.
net-no-members = Nobody holds the facilitator role yet.
net-col-person = Person
net-col-last = Last facilitated
net-never = never
net-meetings-title = Network meetings { $year }
net-no-meetings = No meetings recorded this year.
net-col-attended = Attended
net-trainings-title = Trainings
net-no-trainings = No trainings recorded.
net-lent-title = Partners' processes
net-lent-intro = The network's facilitators who lead a partner organisation's process, and their hours. What the processes are about is for the partner only.
net-lent-partner = Partner
net-lent-first = First session
net-lent-hours = Hours
net-lent-no-dates = No dates yet
net-col-dates = Days
net-col-completed = Completed
net-completed-of = { $done } / { $count }
net-method = Method
net-methods = Methods they facilitate
net-methods-hint = The methods you take on dialogues with. Trainings are recorded separately.
net-unit = Home unit
net-unit-hint = The unit you work in. You do not facilitate your own unit's dialogues.
net-no-unit = no unit
net-languages = Languages they facilitate in
net-outsider = Orders that need an outsider
net-outsider-yes = I take on dialogues of management teams and others who need an outside facilitator
net-outsider-takes = takes them on
net-outsider-not = does not take them on
net-capacity = Time for facilitating (hours a month)
net-capacity-hint = For example 6 or 4.5; at most { $max }. 0 means you are not proposed for now.
net-capacity-value = { $hours } hours a month
net-hours = { $hours } h
net-hours-hint = In hours, for example 12 or 3.5.
net-profile = Profile
net-no-profile = The profile has not been filled in yet.
net-profile-edit = Edit the profile
net-profile-save = Save the profile
net-profile-saved = The profile was saved.
net-own-title = My facilitation
net-coming = Coming
net-no-coming = You have no processes to facilitate coming.
net-no-dates = no dates agreed yet
net-absences = Absences
net-no-absences = No coming absences.
net-absence-add = Add an absence
net-absence-from = First day
net-absence-to = Last day
net-absence-delete = Delete the absence { $dates }
net-absence-delete-confirm = Delete the absence { $dates }?
net-absence-delete-yes = Yes, delete the absence
net-absence-keep = Keep the absence
net-held = Trainings
net-no-held = No trainings recorded.
net-held-recorded = recorded training
net-held-add = Add an earlier training
net-held-add-hint = A training completed before the platform was taken into use.
net-held-date = Completed on
net-trainer = Trainer
net-trainer-hint = For example THL, the Erätauko foundation or the organisation itself.
net-training-from = Starts
net-training-to = Ends
net-training-hours = Length (hours)
net-trainees = Trainees
net-training-save = Save the training
net-training-title = Training: { $method }
net-complete = Mark as completed
net-complete-who = Completed
net-complete-hint = Whoever completed gets the method's training on their profile and, if needed, the facilitator role.
net-completed-on = completed { $date }
net-not-completed = not completed yet
net-became = Given the facilitator role: { $names }
net-error-unconfirmed = The role could not be given because the person's e-mail address is not confirmed in this organisation.
net-meeting-date = Date
net-meeting-title = Topic
net-meeting-place = Place
net-meeting-place-hint = Optional, for example a meeting room or Teams.
net-meeting-intro = Once the meeting is saved you can mark who attended.
net-meeting-save = Save the meeting
net-attended-who = Attended
net-attendance-save = Save who attended
net-attendance-saved = Who attended was saved.
net-nobody-attended = Nobody has been marked as attending.

## Proposals for an order (part 9, assignment)
proposals-link = Show proposed facilitators
proposals-title = Proposed facilitators: { $process }
proposals-no-sessions = The plan has no session dates yet, so the month's capacity and clashes were not checked.
proposals-proposed = Proposed, best first
proposals-none = None of the network's facilitators can be proposed.
proposals-not-proposed = Not proposed
proposals-assign = Assign: { $name }
assign-reason-trained-in = Trained in { $method }
assign-reason-not-trained = Not trained in { $method }
assign-reason-speaks-all = Speaks the participants' languages
assign-reason-missing-languages = Does not speak: { $languages }
assign-reason-from-partner = From partner { $org }
assign-reason-capacity-left = Capacity left in the month: { $hours } h
assign-reason-load-last-year = Facilitated over the last year: { $hours } h
assign-reason-volunteered = Volunteered
assign-reason-own-unit = From the orderer's own unit
assign-reason-own-community = Belongs to the work community the dialogue is for
assign-reason-own-organisation = From the orderer's own organisation while an outsider is needed
assign-reason-no-outsider-orders = Does not take orders that need an outside facilitator
assign-reason-not-shared = From another organisation, and no partnership covers this order
assign-reason-kind-not-taken = Does not take dialogues with these participants: { $kinds }
assign-reason-over-capacity = Would go over capacity in { $month }: { $hours } h over
assign-reason-clash = Clashes with another session at { $at }
assign-reason-absent = Absent at { $at }
net-month-hours = Facilitation hours per month
net-no-hours = No sessions are planned for this or the coming months.
net-col-month = Month
net-col-planned = Planned
net-col-capacity = Capacity
net-over-capacity = over capacity
net-col-load = This month (planned / capacity)
## The network's reports
rep-title = Network reports: { $org }
rep-link = Reports
rep-intro = Dialogues (processes) whose first session falls in the chosen period; cancelled ones are not counted. Feedback is summed per method over all the processes' sessions, but only from processes with five answers or more, and a figure is shown only from five answers.
rep-period = Period
rep-period-error = The period could not be read; this year is shown.
rep-period-shown = Period { $period }
rep-none = No dialogues in the period.
rep-csv = Download CSV: { $table }
rep-per-unit = Dialogues per unit
rep-per-method = Dialogues per method
rep-per-facilitator = Dialogues per facilitator
rep-per-month = Dialogues per month
rep-lead-title = Days from order to first session
rep-feedback-title = Feedback per method
rep-col-dialogues = Dialogues
rep-col-month = Month
rep-col-median = Median (days)
rep-col-shortest = Shortest (days)
rep-col-longest = Longest (days)
rep-col-responses = Answers
rep-col-mean = Mean (1–5)
rep-fewer = fewer than five answers
rep-no-ratings = no ratings
rep-no-method = no method
rep-no-facilitator = no facilitator
cat-network-trained = { $trained } trained ({ $methods }); { $active } facilitated in the last 12 months (from the facilitator network)

## Offers and volunteers (part 9)
facilitator-awaiting = { $name } (answer awaited)
transition-error-awaiting-answer = The facilitator has not accepted the order yet.
next-answer-offer = The order was offered to a facilitator, who accepts or declines it.
event-offer-accepted = { $actor } accepted the order.
event-offer-declined = { $actor } declined the order; it returned to the queue.
offer-text = { $by } offered you this order to facilitate on { $when }. Do you accept it?
offer-accept = I accept the order
offer-decline-title = Decline the order
offer-reason = Reason
offer-reason-hint = The coordinators see the reason, the orderer does not. The order returns to the queue and the next facilitator is proposed.
offer-decline = I decline
proposals-awaiting = The order was offered to { $name } ({ $when }). An answer is awaited.
assign-reason-declined = Declined this order: { $reason }
mail-kind-offer-declined = A facilitator declined an order you offered
mail-offer-declined-subject = { $by } declined: { $process }
mail-offer-declined-text =
    { $by } declined to facilitate the dialogue process { $process }. Reason: { $reason }

    The order returned to the queue. The next proposals are on the order's proposals page: { $link }
queue-next = Next proposal: { $name }
queue-next-none = Nobody to propose
queue-declined = { $count ->
    [one] One declined
   *[other] { $count } declined
}
queue-volunteers = { $count ->
    [one] One volunteered
   *[other] { $count } volunteered
}
open-title = Open orders
open-intro = These orders wait for a facilitator, and you could take them. Volunteering does not bind you: the coordinator decides, and volunteers count in the proposals.
open-none = No order in the queue suits you just now.
open-volunteer = I volunteer: { $process }
open-withdraw = Withdraw: { $process }
open-volunteered = You have volunteered.
open-sessions = Sessions: { $dates }
open-declined = You declined the order. It returned to the queue.
net-awaiting-answer = awaiting your answer

## Facilitation hours recorded after sessions (part 9)
net-col-corrected = Actual
hours-link = Actual facilitation hours
hours-title = Actual hours: { $process }
hours-intro = After each session held, record how long it really took the facilitator, preparation included. The hours recorded replace the planned length in the month's load.
hours-whose = The hours are recorded for the facilitator { $name }.
hours-none = No session of the plan has started yet.
hours-back = Back to the process
hours-planned = planned { $hours }
hours-recorded = recorded { $hours }
hours-field = Actual hours: { $title }
hours-hint = In hours, for example 2 or 2.5.
hours-save = Save the hours: { $title }
hours-saved = The hours are saved.
hours-error-not-held = Hours are recorded only for a session of the plan that has started.
hours-error-no-facilitator = The process has no facilitator to record the hours for.

## Joint assignment of the queue (part 9)
batch-link = Assign the whole queue at once
batch-title = Joint assignment of the queue
batch-intro = The proposal gives the queue's orders their facilitators at once so that the whole is best: nobody goes over their month's capacity, gets clashing sessions or their own unit's order, and the load is spread evenly. Untick a pair you do not want; the ticked ones are offered to the facilitators, who accept or decline them.
batch-empty = There are no orders in the queue.
batch-summary = { $joint } of { $total } orders get a facilitator (one after another: { $greedy }).
batch-pairs = Proposed pairs
batch-nobody = nobody free
batch-proposals = Proposals: { $process }
batch-offer = Offer the ticked pairs
batch-offered = { $count ->
    [one] One order was offered to a facilitator.
   *[other] { $count } orders were offered to facilitators.
}
batch-stale = { $count ->
    [one] One ticked pair no longer fitted, as the queue or the network changed meanwhile.
   *[other] { $count } ticked pairs no longer fitted, as the queue or the network changed meanwhile.
}
net-awaiting = answer awaited
open-error-declined = You declined this order, so you cannot volunteer for it.
mail-kind-offer-withdrawn = An order offered to you went to someone else
mail-offer-withdrawn-subject = The order went to someone else: { $process }
mail-offer-withdrawn-text =
    The dialogue process { $process }, offered to you, went to another facilitator before you answered. You need not answer.

    The orders waiting in the queue are on your own page: { $link }
