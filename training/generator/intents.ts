import { clause, joinList, said, slot, type Clause, type Ctx, type Part, type Resource } from "./context";
import { afterFor, eventTimes, reminderDue, when, type When } from "./dates";
import { capFirst } from "./pools";
import { container, fileName, listItem, listItems, listTitle, message, place, reminderList, task, title, type Person } from "./slots";

/**
 * One clause per intent: it picks slot values, appends its actions to the plan (with the lookups
 * it needs) and returns its words. Producers leave a Resource that later clauses refer to ("it",
 * "the link", "the summary"); the plan is assembled from the clauses, never from a list of combos.
 */
export interface Intent {
  name: string;
  weight: number;
  /** Resource kinds this intent consumes (it is only used after a producer of one of them). */
  consumes?: readonly Resource["kind"][];
  /** Resource kind this intent leaves for later clauses. */
  produces?: Resource["kind"];
  make(ctx: Ctx): Clause;
}

const the = (ctx: Ctx, text: string) => (/^\p{Ll}/u.test(text) && !text.includes("'s ") && ctx.rng.chance(0.5) ? `the ${text}` : text);

/** The time as said; after "for" without its "on" / "in" ("set a reminder for Friday", "for 10 minutes from now"). */
function whenParts(w: When, template: string): Part {
  return slot(template.includes("for {when}") ? afterFor(w.surface) : w.surface);
}

/** Phrasings say "{to}", "{msg}", "{when}", ...; an optional piece is added by the code. */
const SMS = [
  "send a text to {to} that says {msg}",
  "text {to}: {msg}",
  "shoot a message to {to}: {msg}",
  "tell {to} via text that {msg}",
  "send {to} a quick text: {msg}",
  "message {to} saying {msg}",
  "can you let {to} know by sms that {msg}",
  "text to {to}: {msg}",

  "text {to} that {msg}",
  "text {to} {msg}",
  "send {to} a text saying {msg}",
  "message {to}: {msg}",
  "sms {to} '{msg}'",
  "send a text to {to}: {msg}",
  "shoot {to} a text that {msg}",
  "send a message to {to} saying {msg}",
  "imessage {to} that {msg}",
  "txt {to} {msg}",
  "drop {to} a text: {msg}",
  "text {to} and say {msg}",
  "send {to} an sms: {msg}",
  "text '{msg}' to {to}",
  "send '{msg}' to {to} by text",
  "msg {to} {msg}",
  "send an imessage to {to} saying {msg}",
  'text message {to}: "{msg}"',
  "ping {to} on imessage: {msg}",
  "fire off a text to {to} saying {msg}",
  "send {to} a message that {msg}",
  "text {to} to say {msg}",
  "can you text {to} that {msg}",
  "i need to text {to}: {msg}",
  "please message {to} that {msg}",
  "write {to} a text: {msg}",
  "send a quick text to {to} that says {msg}",
  "sms to {to}: {msg}",
  'text {to} saying "{msg}"',
  "reply to {to} by text: {msg}",
  "send a sms to {to} that {msg}",
  "let {to} know by text that {msg}",
  "ping {to} {msg}",
  "ping {to} that {msg}",
  "ping {to} saying {msg}",
  "tell {to} {msg}",
  "tell {to} that {msg}",
  "can you tell {to} {msg}",
  "let {to} know {msg}",
  "let {to} know that {msg}",
  "let {to} know over text {msg}",
  "message {to} {msg}",
  "message {to} that {msg}",
  "send a message to {to} {msg}",
  "send {to} a message {msg}",
  "shoot {to} a text {msg}",
  "quick text to {to} {msg}",
  "text {to} real quick {msg}",
];

const EMAIL_SUBJECT_BODY = [
  "email {to} about {subj} saying {msg}",
  "send an email to {to} about {subj}: {msg}",
  "write {to} an email about {subj} that says {msg}",
  "email {to} with the subject {subj} and say {msg}",
  "compose an email to {to}, subject {subj}, saying {msg}",
  "draft an email to {to} re {subj}: {msg}",
  "send {to} an email titled {subj} saying {msg}",
  "mail {to} about {subj} and tell them {msg}",
  "new email to {to}, subject: {subj}, body: {msg}",
  "shoot {to} an email about {subj} saying {msg}",
  "email {to} re: {subj} - {msg}",
  "write an email to {to} with subject {subj} saying {msg}",
  "email {to} about {subj} and say {msg}",
  "send an email to {to} about {subj} saying {msg}",
];
const EMAIL_SUBJECT = [
  "new email to {to} about {subj}",
  "email {to} re {subj}",
  "send an email about {subj} to {to}",
  "write to {to} about {subj}",

  "email {to} about {subj}",
  "send an email to {to} about {subj}",
  "write {to} an email about {subj}",
  "start an email to {to} with the subject {subj}",
  "draft an email to {to} about {subj}",
  "compose a mail to {to} regarding {subj}",
  "shoot {to} an email re {subj}",
  "email {to} regarding {subj}",
  "open a new email to {to} titled {subj}",
  "send {to} a mail about {subj}",
  "email to {to} about {subj}",
  "send {to} an email about {subj}",
  "can you email {to} about {subj}",
];
const EMAIL_BODY = [
  "email {to} and tell them {msg}",
  "send {to} a note by email: {msg}",
  "write an email to {to} saying {msg}",
  "email to {to}: {msg}",
  "let {to} know by email that {msg}",

  "email {to} that {msg}",
  "email {to} saying {msg}",
  "send an email to {to} saying {msg}",
  "send {to} an email: {msg}",
  "write to {to} by email: {msg}",
  "compose an email to {to} that says {msg}",
  "send {to} a quick email saying {msg}",
  "email {to}: {msg}",
  "e-mail {to} to say {msg}",
  "mail {to} that {msg}",
  "drop {to} an email saying {msg}",
  'send a mail to {to}: "{msg}"',
  "email {to} {msg}",
  "send an email to {to} {msg}",
  "email {to} and say {msg}",
  "send {to} an email saying {msg}",
];
const CC = [
  " and cc {cc}",
  ", cc {cc}",
  " cc'ing {cc}",
  " (cc {cc})",
  " with {cc} in cc",
  " and copy {cc}",
  ", cc: {cc}",
  " and put {cc} on cc",
];

const REPLY = [
  "reply: {msg}",
  "reply to that email with {msg}",

  "reply saying {msg}",
  "send a reply that says {msg}",
  "reply back: {msg}",
  "respond to the email saying {msg}",
  "reply to the sender: {msg}",
  "write a reply saying {msg}",
  'reply to this message with "{msg}"',
  "answer with {msg}",
  "reply to it and say {msg}",
  "email back saying {msg}",

  "reply to this email saying {msg}",
  "reply {msg}",
  "respond to this email: {msg}",
  "write back that {msg}",
  "answer this email saying {msg}",
  "hit reply and say {msg}",
  "reply to the email with {msg}",
  'reply to this saying "{msg}"',
  "respond with {msg}",
  "send a reply: {msg}",
  "reply to this one: {msg}",
  "answer the email: {msg}",
  "respond saying {msg}",
  "respond to this one saying {msg}",
  "get back to this email saying {msg}",
  "get back to the sender and say {msg}",
  "get back to this person saying {msg}",
  "write back {msg}",
  "write back saying {msg}",
  "write back to this email: {msg}",
  "write back to the sender saying {msg}",
  "answer saying {msg}",
  "answer back {msg}",
  "reply to this email {msg}",
];
const REPLY_CC = [
  "reply to this email and cc {cc}",
  "reply and cc {cc}",
  "reply to this and copy {cc}",
  "respond to this email with {cc} in cc",
  "reply, cc'ing {cc}",
  "answer this email and cc {cc}",
  "respond and cc {cc}",
  "write back and cc {cc}",
  "get back to this email and copy {cc}",
];
const REPLY_CC_MSG = [
  "reply to this email and cc {cc} saying {msg}",
  "reply and cc {cc}: {msg}",
  "respond cc'ing {cc} that {msg}",
  "reply to this with {cc} on cc saying {msg}",
];
const FORWARD = [
  "forward this to {to} please",
  "forward the message to {to}",

  "forward to {to}",
  "fwd to {to}",
  "forward the current email to {to}",
  "forward this thread to {to}",
  "send this on to {to}",
  "pass this along to {to}",
  "forward the selected email to {to}",
  "can you forward this to {to}",
  "forward this mail on to {to}",
  "fw to {to}",
  "send a forward of this email to {to}",
  "forward what i'm reading to {to}",
  "forward this over to {to}",
  "forward that email to {to}",

  "forward this to {to}",
  "forward this email to {to}",
  "fwd this to {to}",
  "pass this email on to {to}",
  "send this email along to {to}",
  "forward the email to {to}",
  "forward this message to {to}",
  "fw this to {to}",
  "forward it on to {to}",
  "share this email with {to}",
  "forward this mail to {to}",
  "send this one to {to} as a forward",
  "forward it to {to}",
  "pass it along to {to}",
  "forward this one to {to}",
  "send this email to {to}",
];
const FORWARD_MSG = [
  "forward this to {to} saying {msg}",
  "forward this email to {to} with a note: {msg}",
  "fwd to {to} and add {msg}",
  "forward the email to {to} with the message {msg}",
];

const EVENT_TITLED = [
  "put {title} in the calendar for {when}",
  "make an appointment for {title} {when}",
  "schedule {title} for {when}",
  "add a calendar event: {title}, {when}",
  "i've got {title} {when}, put it in my calendar",

  "schedule {title} {when}",
  "add {title} to my calendar {when}",
  "put {title} on the calendar {when}",
  "create an event called {title} {when}",
  "book {title} {when}",
  "calendar: {title} {when}",
  "block {when} for {title}",
  "make a calendar event for {title} {when}",
  "new event {title} {when}",
  "set up {title} {when}",
  "add an event {title} {when}",
  "i have {title} {when}, add it to my calendar",
  "create a calendar entry {title} {when}",
  "pencil in {title} {when}",
  "put {title} in my calendar {when}",
  "add {title} {when} to the calendar",
  "schedule an event named {title} for {when}",
  "add {title} {when}",
  "put {title} on my calendar for {when}",
  "new appointment {title} {when}",
  "can you add {title} to my calendar {when}",
];
const EVENT_WITH = [
  "organize {title} with {who} {when}",
  "plan {title} with {who} {when}",

  "schedule {title} with {who} {when}",
  "set up {title} with {who} {when}",
  "invite {who} to {title} {when}",
  "book {title} with {who} {when}",
  "add {title} with {who} to my calendar {when}",
  "create an event {title} {when} and invite {who}",
  "put {title} with {who} on the calendar {when}",
  "send {who} an invite for {title} {when}",
  "make an event called {title} {when} with {who}",
  "calendar invite to {who} for {title} {when}",
  "{title} with {who} {when}",
  "add {title} with {who} {when}",
  "schedule {title} {when} with {who}",
];
const EVENT_UNTITLED = [
  "set up a call with {who} {when}",
  "arrange a meeting with {who} {when}",
  "get time with {who} on the calendar {when}",
  "book time with {who} {when}",

  "set up a meeting with {who} {when}",
  "schedule a meeting with {who} {when}",
  "meet {who} {when}",
  "book a meeting with {who} {when}",
  "put a meeting with {who} on my calendar {when}",
  "add a meeting with {who} {when}",
  "create a meeting with {who} {when}",
  "i'm meeting {who} {when}, put it in my calendar",
  "schedule time with {who} {when}",
  "set up a mtg w/ {who} {when}",
  "invite {who} to a meeting {when}",
  "meeting with {who} {when}",
  "meet with {who} {when}",
  "schedule something with {who} {when}",
];

const REMINDER_TIMED = [
  "remind me {when} that i need to {task}",
  "set an alert {when} to {task}",
  "reminder {when}: {task}",
  "don't forget to {task} {when}, remind me",

  "set a reminder {when} to {task}",
  "remind me to {task}, {when}",

  "remind me to {task} {when}",
  "remind me {when} to {task}",
  "set a reminder to {task} {when}",
  "add a reminder to {task} {when}",
  "create a reminder {when} to {task}",
  "don't let me forget to {task} {when}",
  "ping me {when} to {task}",
  "reminder: {task} {when}",
  "new reminder {task} {when}",
  "remind me {when}: {task}",
  "make a reminder for {when} to {task}",
  "set a reminder for {when}: {task}",
  "i need a reminder to {task} {when}",
  "nudge me {when} to {task}",
  "remind me that i need to {task} {when}",
  "add {task} to my reminders for {when}",
  "remind me {when} {task}",
  "set a reminder for {when} to {task}",
  "can you remind me {when} to {task}",
  "reminder {when} to {task}",
  "reminder to {task} {when}",
  "alert me {when} to {task}",
  "i have to {task} {when} remind me",
  "make sure i {task} {when}",
  "tell me to {task} {when}",
  "set a reminder to {task} for {when}",
];
const REMINDER_PLAIN = [
  "remind me to {task}",
  "set a reminder to {task}",
  "add a reminder: {task}",
  "new reminder: {task}",
  "create a reminder to {task}",
  "reminder to {task}",
  "make me a reminder to {task}",
  "don't let me forget to {task}",
  "add {task} to my reminders",
  "reminder {task}",
  "remind me i need to {task}",
  "todo {task}",
  "to do: {task}",
  "add a to-do: {task}",
  "can you remind me to {task}",
];
const REMINDER_LIST = [
  "add {task} to my {list} list",
  "put {task} on the {list} list",
  "add a reminder to {task} in {list}",
  "add {task} to {list} in reminders",
];
/** An item put on a named list ("add oat milk to my shopping list"): a reminder in that list. */
const REMINDER_ITEM = [
  "add {item} to my {list} list",
  "put {item} on the {list} list",
  "add {item} to {list}",
  "{item} on my {list} list",
  "can you add {item} to my {list} list",
  "stick {item} on the {list} list",
  "we need {item}, add it to the {list} list",
  "we're out of {item}, put it on my {list} list",
  "{list} list: add {item}",
  "i need {item}, add it to my {list} list",
];

const NOTE_FULL = [
  "write a note titled {title} with {text}",

  "new note called {title}: {text}",
  "create a note with the title {title} and the text {text}",
  "make a note {title} that says {text}",

  "make a note called {title} with {text}",
  "create a note titled {title}: {text}",
  "new note {title} saying {text}",
  "write a note '{title}' that says {text}",
  "create a note named {title} with the text {text}",
  "start a new note, {title}, with {text}",
  "save a note called {title}: {text}",
  "note titled {title}: {text}",
  "make a new note {title} containing {text}",
  "add a new note called {title} that says {text}",
  "create a {title} note with {text}",
  "put {text} in a new note called {title}",
  "make a note called {title} that says {text}",
];
const NOTE_TEXT = [
  "note: {text}",
  "add a note saying {text}",
  "create a new note: {text}",

  "jot down: {text}",
  "note to self: {text}",
  "take a note: {text}",
  "make a note: {text}",
  "write down {text}",
  "quick note: {text}",
  "create a note saying {text}",
  "new note: {text}",
  "save this as a note: {text}",
  "jot this down: {text}",
  "note {text}",
  "take a note {text}",
  "make a note {text}",
  "make a note that {text}",
  "note that {text}",
  "write this down {text}",
  "jot down {text}",
];
const NOTE_TITLE = [
  "create a note called {title}",
  "make a new note titled {title}",
  "start a note named {title}",
  "new note called {title}",
  "create an empty note {title}",
  "new note {title}",
  "new note titled {title}",
  "start a new note {title}",
  "make a new note called {title}",
];
/** A new list with its items ("make a grocery list: eggs, milk"): a note titled "Grocery list", the items its text. */
const NOTE_LIST = [
  "make a {title}: {items}",
  "make a {title} with {items}",
  "start a {title} with {items}",
  "new {title}: {items}",
  "new {title} {items}",
  "create a {title}: {items}",
  "{title}: {items}",
  "make me a {title} {items}",
  "new note {title}: {items}",
  "i need a {title} with {items}",
];
/** A new list without items: a note with the title alone ("new list camping gear" → "Camping gear"). */
const NOTE_LIST_TITLE = [
  "make a {title}",
  "start a {title}",
  "new {title}",
  "new list {title}",
  "start a new list called {title}",
  "create a list called {title}",
];
const FOLDER = [" in my {folder} folder", " in the {folder} folder", " in {folder}", " under {folder}"];

const NOTE_OPEN = [
  "show {note} note",
  "open notes to {note}",

  "open the {note} note",
  "show {note} in notes",
  "open note {note}",
  "pull up my note called {note}",
  "look at my {note} note",
  "go to the {note} note",
  "open my notes on {note}",
  "open up my {note} note",
  "find the note titled {note}",
  "show me my note named {note}",
  "i want to see the {note} note",
  "bring up my {note} note",
  "read my {note} note",
  "open the notes app to {note}",
  "get my {note} note",
  "take me to the {note} note",
  "pull up the note {note}",
  "where's my {note} note",

  "open my {note} note",
  "show me the {note} note",
  "pull up {note} in notes",
  "open the note called {note}",
  "find my {note} note",
  "open {note} in the notes app",
  "show my note {note}",
  "bring up the {note} note",
  "open notes and show {note}",
  "can i see my {note} note",
  "display the note {note}",
  "open up the {note} note",
  "{note} note",
  "my {note} note",
  "open {note} note",
  "pull up {note} note",
];
const NOTE_APPEND = [
  "add to {note} note: {text}",

  "add {text} to my {note} note",
  "append '{text}' to {note}",
  "add this to the {note} note: {text}",
  "put '{text}' at the end of the {note} note",
  "append this line to my {note} note: {text}",
  "include {text} in my {note} note",
  "add to my {note} note: {text}",
  "append {text} to my note called {note}",
  "add the line {text} to the {note} note",
  "my {note} note needs {text}",
  "throw {text} into my {note} note",
  "add {text} under my {note} note",
  "jot {text} in the {note} note",
  "note {text} in my {note} note",
  'put "{text}" in the {note} note',
  "append to the {note} note: {text}",
  "add {text} onto my {note} note",
  "extend my {note} note with {text}",

  "add '{text}' to my {note} note",
  "append {text} to the {note} note",
  "put {text} in my {note} note",
  "update my {note} note with {text}",
  "add {text} to the note called {note}",
  "tack {text} onto the {note} note",
  "in my {note} note, add {text}",
  "append to {note} note: {text}",
  "add a line to my {note} note: {text}",
  'add "{text}" to the {note} note',
  "write {text} at the end of my {note} note",
  "stick {text} in the {note} note",
  "add {text} to {note} note",
  "add to my {note} note {text}",
  "in my {note} note put {text}",
  "put {text} on my {note} note",
];

const MAP_OPEN = [
  "show {place}",
  "where exactly is {place}",
  "open {place} on the map",

  "open {place} in apple maps",
  "show me {place}",
  "show {place} on a map",
  "where's {place}",
  "find {place} in maps",
  "look up {place} on the map",
  "maps: {place}",
  "pin {place} on the map",
  "show the location of {place}",
  "open the map at {place}",
  "display {place} on the map",
  "bring up {place} in maps",
  "find the location {place}",
  "put {place} on the map",
  "i want to see {place} on the map",
  "show me {place} in maps",

  "show me {place} on the map",
  "open {place} in maps",
  "where is {place}",
  "find {place} on a map",
  "pull up {place} in apple maps",
  "map {place}",
  "look up {place} in maps",
  "locate {place} on the map",
  "show {place} in maps",
  "open maps to {place}",
  "drop a pin at {place}",
  "where's {place} on the map",
  "show me where {place} is",
  "search maps for {place}",
  "{place} on the map",
  "map of {place}",
  "show me a map of {place}",
  "pull up {place} on the map",
];
const DIRECTIONS = [
  "how to get to {place}",
  "directions to {place} please",
  "navigate me to {place}",
  "get me to {place}",
  "best route to {place}",

  "directions please to {place}",
  "what's the best way to {place}",
  "get directions from {start} to {place}",

  "directions to {place}",
  "get me directions to {place}",
  "how do i get to {place}",
  "navigate to {place}",
  "show me the way to {place}",
  "route to {place}",
  "take me to {place}",
  "show directions to {place}",
  "find a route to {place}",
  "give me directions to {place}",
  "how do i get from {start} to {place}",
  "directions from {start} to {place}",
  "show me how to get from {start} to {place}",
  "route from {start} to {place}",
  "navigate from {start} to {place}",
  "directions {place}",
  "navigate {place}",
  "route me to {place}",
  "directions to {place} from {start}",
];
const TRANSPORT: Record<"d" | "w" | "r", readonly string[]> = {
  d: [" by car", " driving", " (driving)", " in the car"],
  w: [" on foot", " walking", " by walking", " (walking)", " walk"],
  r: [" by train", " by bus", " on the subway", " by public transit", " by transit", " on public transport", " by metro", " by tram"],
};
const WALK_TO = [
  "walk to {place}",
  "walk me to {place}",
  "walking directions to {place}",
  "how do i walk to {place}",
  "show me how to walk to {place}",
];
const TRANSIT_TO = [
  "transit directions to {place}",
  "how do i get to {place} by train",
  "take the bus to {place}",
  "public transport to {place}",
];
const DRIVE_TO = ["drive to {place}", "driving directions to {place}", "how do i drive to {place}"];

const FILE_OPEN = [
  "open the {file} file",
  "find the document called {file}",
  "open my {file}",

  "open the document {file}",
  "find my file {file}",
  "locate the file {file}",
  "can you open {file}",
  "open file {file}",
  "pull up the file {file}",
  "find {file} on my mac",
  "open {file} for me",
  "where is {file}",
  "look up the file {file}",
  "get the path of {file}",
  "fetch {file}",
  "dig up {file}",
  "i need {file}, open it",
  "show me the file {file}",
  "bring up the document {file}",

  "open {file}",
  "find {file}",
  "locate {file}",
  "where's {file}",
  "pull up {file}",
  "show me {file}",
  "open the file {file}",
  "find the file called {file}",
  "open up {file}",
  "can you find {file}",
  "get me {file}",
  "bring up {file}",
  "look for {file}",
  "search for the file {file}",
  "where did i save {file}",
  "can you pull up {file}",
];
/** A file said aloud: its name without the extension, then what kind it is ("the lease agreement doc"). */
const FILE_OPEN_SPOKEN = ["open the {file} doc", "find the {file} file", "pull up the {file} document", "open up the {file} file"];
/** Terse directions to a usual place: "directions home", "take me to work", "navigate to the airport". */
const DIRECTIONS_USUAL = [
  "directions {dest}",
  "take me {dest}",
  "navigate {dest}",
  "get me {dest}",
  "how do i get {dest}",
  "route {dest}",
  "fastest way {dest}",
  "show me the way {dest}",
  "start navigation {dest}",
  "get directions {dest}",
  "how do i get {dest} from here",
  "i need to get {dest}",
];
/** Where "home" is said without "to"; the others take "to" and, some, "the" (dropped from the value). */
const USUAL_PLACES: readonly [number, string, string][] = [
  [5, "", "home"],
  [3, "to ", "work"],
  [1, "to the ", "office"],
  [1, "to ", "school"],
  [1, "to the ", "airport"],
  [1, "to the ", "gym"],
  [0.5, "to the ", "train station"],
  [0.5, "", "downtown"],
];
const SUMMARIZE = [
  "summarize the pdf called {file}",
  "tl;dr of {file}",
  "can you give me a summary of {file}",
  "what's the summary of {file}",

  "summarize the file {file}",
  "summary of {file}",
  "give me the tl;dr of {file}",
  "boil down {file}",
  "condense {file} for me",
  "what's {file} about? summarize it",
  "can you sum up {file}",
  "give me a quick summary of {file}",
  "summarize the document {file}",
  "read and summarize {file}",
  "tldr {file}",
  "i need the gist of {file}",
  "give me a brief summary of the pdf {file}",
  "summarize {file} please",
  "break down {file} into a summary",
  "key takeaways from {file}",

  "summarize {file}",
  "give me a summary of {file}",
  "tl;dr {file}",
  "sum up {file}",
  "read {file} and summarize it",
  "what are the key points of {file}",
  "summarise {file}",
  "quick summary of {file} please",
  "can you summarize the pdf {file}",
  "give me the gist of {file}",
  "i need a summary of {file}",
  "make a summary of {file}",
  "open {file} and summarize it",
  "what does {file} say? summarize it",
  "what's in {file}",
  "give me the highlights of {file}",
  "recap {file}",
  "what's the gist of {file}",
];
/** A PDF said aloud: "summarize the lease agreement pdf" looks for "lease agreement". */
const SUMMARIZE_SPOKEN = [
  "summarize the {file} pdf",
  "sum up the {file} pdf",
  "what does the {file} pdf say",
  "give me a summary of the {file} pdf",
  "summarize the {file} document",
  "recap the {file} pdf",
];

const PHONE_LOOKUP = [
  "what's the number for {name}",
  "get {name}'s phone number",
  "look up {name}'s number",
  "find the number for {name}",
  "phone number for {name}",
  "get me {name}'s cell",
  "what is {name}'s phone",
  "find {name}'s mobile",
  "{name}'s phone number please",
  "i need the number of {name}",
  "look up the phone number of {name}",
  "get the cell number for {name}",
  "what's {name}'s cell number",
  "search for {name}'s phone number",
  "give me {name}'s number",
  "find the mobile number of {name}",
  "do i have {name}'s number",
  "pull up {name}'s phone number",
  "what's {name}'s phone #",
  "get {name}'s number from contacts",

  "what's {name}'s number",
  "find {name}'s phone number",
  "look up {name}'s cell",
  "get me the phone number for {name}",
  "what is {name}'s mobile number",
  "{name}'s number?",
  "i need {name}'s phone number",
  "search contacts for {name}'s number",
  "what number do i have for {name}",
  "find the phone number of {name}",
  "{name}'s number",
  "{name}'s phone",
  "{name}'s cell",
  "number for {name}",
  "{name} number",
  "{name} phone number",
  "got a number for {name}",
  "what's {name}'s number again",
  "tell me {name}'s number",
  "show me {name}'s number",
  "can you get me {name}'s number",
  "do i have a number for {name}",
];
const EMAIL_LOOKUP = [
  "what's the email for {name}",
  "get me {name}'s email",
  "look up the email of {name}",
  "find {name}'s email address",
  "email address for {name}",
  "what is {name}'s e-mail address",
  "{name}'s email address please",
  "give me {name}'s email",
  "search for {name}'s email address",
  "find the email of {name}",
  "pull up {name}'s email",
  "get the email address of {name}",
  "do i have an email for {name}",
  "what email do i have for {name}",
  "look up {name}'s e-mail",
  "find email for {name}",
  "get {name}'s work email",
  "which address should i use to email {name}",
  "i need {name}'s email address",
  "get {name}'s email from contacts",

  "what's {name}'s email",
  "find the email address for {name}",
  "look up {name}'s email",
  "get {name}'s email address",
  "what is {name}'s email address",
  "{name}'s email?",
  "i need the email of {name}",
  "search my contacts for {name}'s email",
  "which email do i have for {name}",
  "find {name}'s e-mail",
  "{name}'s email",
  "email for {name}",
  "{name} email",
  "{name} email address",
  "got an email for {name}",
  "what email does {name} use",
  "show me {name}'s email",
  "tell me {name}'s email address",
  "what's {name}'s email again",
  "do i have {name}'s email",
  "can you get me {name}'s email address",
];
/** Contact details in general: both lookups, in the order the words name them (training/README.md). */
const CONTACT_LOOKUP = [
  "{name} contact",
  "{name}'s contact",
  "{name}'s contact info",
  "contact info for {name}",
  "{name} contact info",
  "contact details for {name}",
  "{name}'s contact details",
  "what's {name}'s contact info",
  "get me {name}'s contact info",
  "look up {name}'s contact details",
  "find {name}'s contact info",
  "pull up {name}'s contact",
  "i need {name}'s contact info",
  "do i have contact info for {name}",
  "how do i reach {name}",
  "how can i reach {name}",
  "how do i get in touch with {name}",
  "what's the best way to reach {name}",
  "{name}'s number and email",
  "number and email for {name}",
  "phone and email for {name}",
  "get {name}'s phone and email",
  "what's {name}'s number and email",
  "{name}'s email and phone number",
  "email and number for {name}",
  "show me {name}'s contact info",
  "{name} contact details please",
  "{name}'s contact card",
  "pull up the contact card for {name}",
  "what contact info do i have for {name}",
];

const ZOOM_TOPIC = [
  "create a zoom for {topic} {when}",
  "zoom link for {topic} {when}",
  "set up a zoom meeting on {topic} {when}",
  "make a zoom call about {topic} {when}",
  "book a zoom about {topic} {when}",
  "new zoom meeting: {topic}, {when}",

  "create a zoom meeting about {topic} {when}",
  "set up a zoom call {when} for {topic}",
  "make a zoom link for {topic} {when}",
  "start a zoom meeting called {topic} {when}",
  "i need a zoom meeting {when} on {topic}",
  "schedule a zoom for {topic} {when}",
  "zoom meeting {topic} {when}",
  "generate a zoom link for the {topic} meeting {when}",
  "zoom for {topic} {when}",
  "i need a zoom link for {topic} {when}",
];
const ZOOM_WITH = [
  "get a zoom link for {topic} with {who} {when}",
  "zoom call with {who} about {topic} {when}",
  "create a zoom with {who} for {topic} {when}",

  "create a zoom meeting with {who} {when} about {topic}",
  "set up a zoom call with {who} {when} for {topic}",
  "schedule a zoom with {who} about {topic} {when}",
  "zoom with {who} {when} re {topic}",
  "make a zoom meeting called {topic} with {who} {when}",
  "book a zoom call about {topic} with {who} {when}",
  "create a zoom for {topic} {when} and invite {who}",
  "set up a video call on zoom with {who} {when} about {topic}",
];
const ZOOM_UNTITLED = [
  "set up a zoom with {who} {when}",
  "send a zoom invite to {who} for {when}",
  "zoom meeting with {who} {when}",
  "make a zoom for {when} with {who}",

  "schedule a zoom with {who} {when}",
  "set up a zoom call with {who} {when}",
  "create a zoom meeting with {who} {when}",
  "zoom with {who} {when}",
  "make a zoom link for a call with {who} {when}",
  "book a zoom meeting with {who} {when}",
  "get a zoom with {who} {when}",
  "set up a zoom {when} with {who}",
];

/** Consumers of a link (zoom, map). */
const LINK_EMAIL = [
  "email {to} the link",
  "send {to} the link by email",
  "email the link to {to}",
  "and mail it to {to}",
  "share it with {to} over email",
  "send it to {to} by email",
];
/** A dictated message with a passed result: the email body is "<message> ${N}" (training/README.md). */
const LINK_EMAIL_MSG = [
  "email {to} the link saying {msg}",
  "send the link to {to} by email with the note {msg}",
  "email it to {to} and say {msg}",
  "mail {to} the link: {msg}",
];
const SUMMARY_EMAIL_MSG = [
  "email the summary to {to} saying {msg}",
  "send {to} the summary by email and say {msg}",
  "mail it to {to} with the note {msg}",
  "email it to {to}: {msg}",
];
const withResult = (msg: string, ref: string) => (msg ? `${msg} \${${ref.slice(1)}}` : ref);
const LINK_SMS = [
  "text {to} the link",
  "send the link to {to} by text",
  "text it to {to}",
  "message {to} the link",
  "sms the link to {to}",
  "send it to {to} in a text",
];
/**
 * An event with its Zoom meeting, the link sent to the people invited (training/README.md: the link
 * is the event's notes). One clause, because the request often names Zoom only where it sends the
 * link ("invite Sid and Lutfi to a sync tomorrow at 2 and text them the Zoom link").
 */
const ZOOM_EVENT_SMS = [
  "invite {who} to {title} {when} and text them the zoom link",
  "set up {title} with {who} {when} and text everyone the zoom link",
  "schedule {title} with {who} {when} and send them the zoom link by text",
  "invite {who} to {title} {when}, text them the zoom link",
  "put {title} with {who} on the calendar {when} and message them the zoom link",
  "book {title} with {who} {when} and sms them the zoom link",
  "invite {who} to {title} {when} and send the zoom link to their phones",
  "add {title} with {who} {when} to my calendar and text them a zoom link",
  "{title} with {who} {when}, make a zoom and text them the link",
  "create an event {title} {when} with {who} and text them the zoom link",
  "organize {title} with {who} {when} on zoom and text them the link",
  "set up {title} {when} with {who} over zoom and text them the link",
  "schedule {title} with {who} {when} on zoom, then text everyone the link",
  "invite {who} to a zoom {title} {when} and text them the link",
  "calendar invite to {who} for {title} {when} with a zoom link, and text it to them",
  "plan {title} with {who} {when} and shoot them the zoom link by text",
];
const ZOOM_EVENT_EMAIL = [
  "invite {who} to {title} {when} and email them the zoom link",
  "set up {title} with {who} {when} and send them the zoom link by email",
  "schedule {title} with {who} {when} and mail everyone the zoom link",
  "invite {who} to {title} {when}, email them the zoom link",
  "put {title} with {who} on the calendar {when} and email the zoom link to them",
  "book {title} with {who} {when} on zoom and email them the link",
  "add {title} with {who} {when} to my calendar and email them a zoom link",
  "create an event {title} {when} with {who} and send the zoom link by email",
  "organize {title} with {who} {when} over zoom and email everyone the link",
  "invite {who} to a zoom {title} {when} and mail them the link",
  "schedule {title} {when} with {who} with a zoom link and email it to them",
  "plan {title} with {who} {when} and email them the zoom link",
  "set up a zoom {title} with {who} {when}, put it on my calendar and email them the link",
  "{title} with {who} {when}: make a zoom, add it to my calendar and email them the link",
];
const ZOOM_CALENDAR = [
  "put it on my calendar",
  "add it to my calendar",
  "add it to the calendar too",
  "block it in my calendar",
  "create a calendar event for it",
];
const FILE_EMAIL = [
  "email it to {to}",
  "send it to {to} by email",
  "attach it to an email to {to}",
  "mail it to {to}",
  "email {to} with it attached",
  "send {to} an email with the file attached",
];
const FILE_REPLY = [
  "reply to this email with it attached",
  "attach it to my reply",
  "reply with the file attached",
  "reply to this email and attach it",
];
const FILE_FORWARD = [
  "forward this email to {to} with it attached",
  "forward this to {to} and attach it",
  "fwd this to {to} with the file",
];
const SUMMARY_EMAIL = [
  "email the summary to {to}",
  "send the summary to {to}",
  "email it to {to}",
  "mail {to} the summary",
  "send {to} the summary by email",
];
const SUMMARY_SMS = ["text the summary to {to}", "text it to {to}", "send {to} the summary by text"];
const SUMMARY_NOTE = [
  "save the summary in a note called {title}",
  "put the summary in a new note titled {title}",
  "create a note {title} with the summary",
  "make a note called {title} out of it",
];
const SUMMARY_APPEND = ["add the summary to my {note} note", "append it to the {note} note", "put the summary in my {note} note"];
const NOTE_EMAIL = ["email it to {to}", "send it to {to} by email", "mail the note to {to}", "email its contents to {to}"];
const NOTE_SMS = ["text it to {to}", "send it to {to} as a text", "message the note to {to}"];

// One clause that names the files it sends: people rarely say "find X, then email it" — they say
// "email X the deck Q3.pdf" (issue 13: the planner never saw a file and its email in one clause).
const ATTACH_EMAIL = [
  "email {file} to {to}",
  "send {file} to {to}",
  "mail {file} to {to}",
  "email {to} {file}",
  "email {to} the file {file}",
  "send {to} {file} by email",
  "send {to} an email with {file} attached",
  "email {to} and attach {file}",
  "attach {file} to an email to {to}",
  "can you email {file} to {to}",
  "email {file} over to {to}",
  "shoot {to} an email with {file}",
  "email {to} a copy of {file}",
  "send {to} the doc {file}",
  "email the attachment {file} to {to}",
  "get {file} to {to} by email",
  "fire off {file} to {to}",
  "email {to} the document {file}",
];
const ATTACH_EMAIL_MSG = [
  "email {file} to {to} saying {msg}",
  "send {to} {file} with the message {msg}",
  "email {to} {file} and say {msg}",
  "email {to} with {file} attached: {msg}",
  "send {file} to {to} and write {msg}",
];
const ATTACH_EMAIL_SUBJECT = [", subject {subj}", " with the subject {subj}", ", subject: {subj}", " (subject: {subj})"];
const ATTACH_REPLY = [
  "reply with {file} attached",
  "reply to this email and attach {file}",
  "reply and attach {file}",
  "attach {file} to my reply",
  "reply to this with {file}",
  "respond with {file} attached",
  "write back with {file} attached",
  "send {file} as a reply",
  "reply to the email with {file}",
  "answer this email with {file} attached",
];
const ATTACH_REPLY_MSG = [
  "reply saying {msg} and attach {file}",
  "reply with {file} attached and say {msg}",
  "reply to this email with {file} attached saying {msg}",
  "respond with {file} and the message {msg}",
  "attach {file} to my reply and write {msg}",
];
const ATTACH_FORWARD = [
  "forward this to {to} and attach {file}",
  "forward this email to {to} with {file} attached",
  "fwd this to {to} with {file}",
  "forward it to {to}, attach {file}",
  "forward this to {to} along with {file}",
  "forward the email to {to} and include {file}",
  "forward this message to {to} plus {file}",
  "pass this email on to {to} with {file} attached",
];
const ATTACH_FORWARD_MSG = [
  "forward this to {to} with {file} attached and say {msg}",
  "forward this email to {to}, attach {file} and add {msg}",
  "fwd this to {to} with {file}, message: {msg}",
];
const SUMMARY_REPLY = [
  "reply with the summary",
  "reply to this email with it",
  "send the summary as a reply",
  "answer this email with the summary",
  "respond with the summary",
  "put the summary in my reply",
];
const SUMMARY_FORWARD = [
  "forward this email to {to} with the summary",
  "forward this to {to} and include the summary",
  "fwd this to {to} with the summary in it",
  "forward the email to {to} along with the summary",
];
// A place sent in the same breath ("email Ana the location of Zuni Café"): the map is opened,
// its link sent.
const PLACE_EMAIL = [
  "email {to} the location of {place}",
  "send {to} the address of {place} by email",
  "email {to} where {place} is",
  "email the location of {place} to {to}",
  "send {to} a map of {place} by email",
  "mail {to} the directions to {place}",
  "email {to} a pin for {place}",
  "send the map of {place} to {to} by email",
  "email {to} a link to {place} on the map",
  "share {place} with {to} over email",
  "email {to} the maps link for {place}",
  "let {to} know by email where {place} is",
  "email the address of {place} to {to}",
  "send {to} an email with the location of {place}",
  "mail {to} the spot: {place}",
  "email over the location of {place} to {to}",
  "forward {to} the location of {place} by email",
  "email {to} how to find {place}",
  "send {to} the {place} location in an email",
  "drop {to} an email with a map of {place}",
  "email {to} the place, {place}",
];
const PLACE_SMS = [
  "text {to} the location of {place}",
  "send {to} the address of {place}",
  "text {to} where {place} is",
  "text the location of {place} to {to}",
  "send {to} a map link for {place}",
  "share the location of {place} with {to} by text",
  "message {to} the address of {place}",
  "drop {to} a pin for {place}",
  "text {to} the map link to {place}",
  "send the location of {place} to {to} by text",
  "text {to} a pin of {place}",
  "sms {to} the address of {place}",
  "shoot {to} the location of {place}",
  "text {to} how to get to {place}",
  "send {to} where {place} is by text",
  "let {to} know where {place} is by text",
  "ping {to} the location of {place}",
  "text the address of {place} to {to}",
];

/** An optional phrase after a clause: returns its parts (or none) and what it sets. */
function maybe<T>(ctx: Ctx, p: number, make: () => [string, Record<string, Part[] | Part>, T]): [Part[], T | undefined] {
  if (!ctx.rng.chance(p)) return [[], undefined];
  const [template, values, value] = make();
  return [clause(template, values).parts, value];
}

const pickTransport = (ctx: Ctx) =>
  ctx.rng.weighted<"d" | "w" | "r">([
    [5, "d"],
    [3, "w"],
    [3, "r"],
  ]);

/** The default title: "Meeting with A and B". */
const meetingWith = (people: readonly Person[]) => `Meeting with ${people.map((p) => p.gold).join(" and ")}`;

/**
 * The one person a lookup asks about, by name: a pronoun ("what's her number") is written as the
 * name again, and a group met earlier ("them") counts only its first person, whose name is written.
 */
function onePerson(ctx: Ctx): { person: Person; name: Part } {
  const { people, parts } = ctx.people(1);
  const person = people[0]!;
  return { person, name: people.length === 1 && typeof parts[0] !== "string" ? parts[0]! : slot(person.again) };
}

function withExtras(c: Clause, extras: Part[][]): Clause {
  return { ...c, parts: [...c.parts, ...extras.flat()] };
}

export const INTENTS: readonly Intent[] = [
  {
    name: "sms",
    weight: 12,
    make(ctx) {
      const to = ctx.recipients("phone");
      const msg = message(ctx.rng, ctx.split);
      ctx.plan.add("send_sms", [ctx.plan.phones(to.recipients), msg]);
      return clause(ctx.phrasing("sms", SMS), { to: to.parts, msg: said(msg) });
    },
  },
  {
    name: "email",
    weight: 12,
    make(ctx) {
      const to = ctx.recipients("email");
      const rng = ctx.rng;
      const shape = rng.weighted<string>([
        [4, "subjectBody"],
        [3, "subject"],
        [4, "body"],
      ]);
      const subject = shape === "body" ? "" : title(rng, ctx.split);
      const msg = shape === "subject" ? "" : message(rng, ctx.split);
      const template = ctx.phrasing(
        `email:${shape}`,
        shape === "subjectBody" ? EMAIL_SUBJECT_BODY : shape === "subject" ? EMAIL_SUBJECT : EMAIL_BODY,
      );
      const recipients = ctx.plan.emails(to.recipients);
      // cc comes before the dictated body in the words when there is a body, so the body stays last.
      const [ccParts, cc] = maybe(ctx, 0.2, () => {
        const c = ctx.recipients("email", { max: 2, pronoun: false });
        return [ctx.phrasing("cc", CC), { cc: c.parts }, ctx.plan.emails(c.recipients)];
      });
      ctx.plan.add("compose_new_email", [recipients, cc ?? [], capFirst(subject), msg, []]);
      const base = clause(template, { to: to.parts, subj: said(the(ctx, subject)), msg: said(msg) });
      if (ccParts.length === 0) return base;
      if (msg === "") return withExtras(base, [ccParts]);
      const cut = base.parts.findIndex((p) => typeof p !== "string" && p.slot === msg);
      // Insert cc right after the recipients ("email Sid, cc Ana, saying ..."), never inside the body.
      const toEnd = base.parts.findIndex((p) => p === to.parts[to.parts.length - 1]);
      if (toEnd >= 0 && toEnd < cut)
        return { ...base, parts: [...base.parts.slice(0, toEnd + 1), ...ccParts, ...base.parts.slice(toEnd + 1)] };
      return withExtras(base, [ccParts]);
    },
  },
  {
    name: "reply",
    weight: 4,
    make(ctx) {
      const shape = ctx.rng.weighted<string>([
        [5, "msg"],
        [3, "cc"],
        [2, "ccMsg"],
      ]);
      const msg = shape === "cc" ? "" : message(ctx.rng, ctx.split);
      let ccParts: Part[] = [];
      let cc: string[] = [];
      if (shape !== "msg") {
        const c = ctx.recipients("email", { max: 2 });
        ccParts = c.parts;
        cc = ctx.plan.emails(c.recipients);
      }
      ctx.plan.add("reply_to_email", [cc, msg, []]);
      const family = shape === "msg" ? REPLY : shape === "cc" ? REPLY_CC : REPLY_CC_MSG;
      return clause(ctx.phrasing(`reply:${shape}`, family), { cc: ccParts, msg: said(msg) });
    },
  },
  {
    name: "forward",
    weight: 4,
    make(ctx) {
      const to = ctx.recipients("email");
      const recipients = ctx.plan.emails(to.recipients);
      const withMsg = ctx.rng.chance(0.25);
      const msg = withMsg ? message(ctx.rng, ctx.split) : "";
      const [ccParts, cc] = withMsg
        ? [[], undefined]
        : maybe(ctx, 0.3, () => {
            const c = ctx.recipients("email", { max: 2, pronoun: false });
            return [ctx.phrasing("cc", CC), { cc: c.parts }, ctx.plan.emails(c.recipients)];
          });
      ctx.plan.add("forward_email", [recipients, cc ?? [], msg, []]);
      const c = clause(ctx.phrasing(withMsg ? "forward:msg" : "forward", withMsg ? FORWARD_MSG : FORWARD), {
        to: to.parts,
        msg: said(msg),
      });
      return withExtras(c, [ccParts]);
    },
  },
  {
    name: "event",
    weight: 10,
    make(ctx) {
      const rng = ctx.rng;
      const w = when(rng, ctx.now, { duration: true, dayOnly: true });
      const times = eventTimes(w);
      const shape = rng.weighted<string>([
        [4, "titled"],
        [4, "with"],
        [3, "untitled"],
      ]);
      let who: Part[] = [];
      let invitees: string[] = [];
      let eventTitle = "";
      let titleSurface = "";
      if (shape !== "titled") {
        const r = shape === "untitled" ? ctx.people() : ctx.recipients("email");
        who = r.parts;
        invitees = ctx.plan.emails(r.recipients);
        if (shape === "untitled") eventTitle = meetingWith(r.people);
      }
      if (shape !== "untitled") {
        titleSurface = title(rng, ctx.split);
        eventTitle = capFirst(titleSurface);
      }
      const [placeParts, location] = maybe(ctx, 0.3, () => {
        const pl = place(rng, ctx.split);
        return [
          rng.pick([" at {place}", " in {place}", pl.takesThe ? " at the {place}" : " at {place}", ", location {place}"]),
          { place: slot(pl.value) },
          pl.value,
        ];
      });
      const [calParts, calendar] = maybe(ctx, 0.12, () => {
        const c = container(rng, ctx.split);
        return [
          rng.pick([" on my {cal} calendar", " in the {cal} calendar", " (calendar: {cal})", " on the {cal} cal"]),
          { cal: slot(c) },
          c,
        ];
      });
      const [noteParts, notes] = maybe(ctx, 0.08, () => {
        const m = message(rng, ctx.split);
        return [rng.pick([" with notes: {m}", " and add the note {m}", ", notes: {m}"]), { m: said(m) }, m];
      });
      ctx.plan.add("create_calendar_event", [eventTitle, times.start, times.end, location ?? "", invitees, notes ?? "", calendar ?? ""]);
      const family = shape === "titled" ? EVENT_TITLED : shape === "with" ? EVENT_WITH : EVENT_UNTITLED;
      const template = ctx.phrasing(`event:${shape}`, family);
      const c = clause(template, { title: said(the(ctx, titleSurface)), who, when: whenParts(w, template) });
      return withExtras(c, [placeParts, calParts, noteParts]);
    },
  },
  {
    name: "reminder",
    weight: 10,
    make(ctx) {
      const rng = ctx.rng;
      const shape = rng.weighted<string>([
        [7, "timed"],
        [2, "plain"],
        [1, "list"],
        [1.5, "item"],
      ]);
      // An item put on a list ("add oat milk to my shopping list") is a reminder named after the item.
      const t = shape === "item" ? listItem(rng, ctx.split) : task(rng, ctx.split);
      const w = shape === "timed" ? when(rng, ctx.now, { dayOnly: true, relative: true }) : undefined;
      const { due, allDay } = reminderDue(w);
      let list = "";
      let listParts: Part[] = [];
      if (shape === "list") list = container(rng, ctx.split);
      else if (shape === "item") list = reminderList(rng, ctx.split);
      else if (rng.chance(0.1)) {
        list = container(rng, ctx.split);
        listParts = clause(rng.pick([" on my {list} list", " in the {list} list", " in {list}"]), { list: slot(list) }).parts;
      }
      const [prioParts, priority] = maybe(ctx, shape === "item" ? 0 : 0.12, () => {
        const [word, value] = rng.pick<[string, number]>([
          ["high", 1],
          ["medium", 5],
          ["low", 9],
        ]);
        return [rng.pick([` with ${word} priority`, ` (${word} priority)`, `, priority ${word}`, `, ${word} priority`]), {}, value];
      });
      const [noteParts, notes] = maybe(ctx, shape === "item" ? 0 : 0.08, () => {
        const m = message(rng, ctx.split);
        return [rng.pick([" with the note {m}", ", notes: {m}", " and note {m}"]), { m: said(m) }, m];
      });
      ctx.plan.add("create_reminder", [capFirst(t), due, notes ?? "", list, priority ?? 0, allDay]);
      const family =
        shape === "timed" ? REMINDER_TIMED : shape === "plain" ? REMINDER_PLAIN : shape === "item" ? REMINDER_ITEM : REMINDER_LIST;
      const template = ctx.phrasing(`reminder:${shape}`, family);
      const c = clause(template, { task: slot(t), item: slot(t), when: w ? whenParts(w, template) : [], list: slot(list) });
      return withExtras(c, [listParts, prioParts, noteParts]);
    },
  },
  {
    name: "note",
    weight: 6,
    make(ctx) {
      const rng = ctx.rng;
      const shape = rng.weighted<string>([
        [6, "full"],
        [3, "text"],
        [1, "title"],
        [1.5, "list"],
        [0.5, "listTitle"],
      ]);
      const family = {
        full: NOTE_FULL,
        text: NOTE_TEXT,
        title: NOTE_TITLE,
        list: NOTE_LIST,
        listTitle: NOTE_LIST_TITLE,
      }[shape]!;
      const template = ctx.phrasing(`note:${shape}`, family);
      // A list is a note: "make a grocery list: eggs, milk" → "Grocery list" with the items as its text;
      // "new list camping gear" → "Camping gear" (training/README.md, "Text").
      const noteTitle =
        shape === "text"
          ? ""
          : shape === "list" || shape === "listTitle"
            ? listTitle(rng, ctx.split, /list (called )?\{title\}/.test(template))
            : title(rng, ctx.split);
      const text = shape === "title" || shape === "listTitle" ? "" : shape === "list" ? listItems(rng, ctx.split) : message(rng, ctx.split);
      const [folderParts, folder] = maybe(ctx, shape === "text" ? 0 : shape === "list" || shape === "listTitle" ? 0.05 : 0.15, () => {
        const f = container(rng, ctx.split);
        return [rng.pick(FOLDER), { folder: slot(f) }, f];
      });
      const [name, content] = shape === "text" ? [text, ""] : [capFirst(noteTitle), text];
      ctx.plan.add("create_note", [name, content, folder ?? ""]);
      const c = clause(template, { title: said(noteTitle), text: said(text), items: slot(text) });
      // The folder goes before dictated text, which always ends the clause.
      if (folderParts.length === 0) return c;
      if (shape === "title" || shape === "listTitle") return withExtras(c, [folderParts]);
      const at = c.parts.findIndex((p) => typeof p !== "string" && p.slot === noteTitle);
      return { ...c, parts: [...c.parts.slice(0, at + 1), ...folderParts, ...c.parts.slice(at + 1)] };
    },
  },
  {
    name: "openNote",
    weight: 3,
    produces: "note",
    make(ctx) {
      const name = title(ctx.rng, ctx.split);
      const [folderParts, folder] = maybe(ctx, 0.1, () => {
        const f = container(ctx.rng, ctx.split);
        return [ctx.rng.pick([" in the {folder} folder", " from {folder}"]), { folder: slot(f) }, f];
      });
      const ref = ctx.plan.add("open_note", [name, folder ?? ""]);
      ctx.resources.push({ kind: "note", ref, label: name, people: [] });
      return withExtras(clause(ctx.phrasing("openNote", NOTE_OPEN), { note: slot(name) }), [folderParts]);
    },
  },
  {
    name: "appendNote",
    weight: 5,
    make(ctx) {
      const name = title(ctx.rng, ctx.split);
      const text = message(ctx.rng, ctx.split);
      ctx.plan.add("append_note_content", [name, text, ""]);
      return clause(ctx.phrasing("appendNote", NOTE_APPEND), { note: slot(name), text: said(text) });
    },
  },
  {
    name: "mapOpen",
    weight: 4,
    produces: "map",
    make(ctx) {
      const pl = place(ctx.rng, ctx.split);
      const ref = ctx.plan.add("maps_open_location", [pl.value]);
      ctx.resources.push({ kind: "map", ref, label: pl.value, people: [] });
      return clause(ctx.phrasing("mapOpen", MAP_OPEN), { place: slot(pl.value) });
    },
  },
  {
    name: "directions",
    weight: 5,
    produces: "map",
    make(ctx) {
      const rng = ctx.rng;
      const end = place(rng, ctx.split);
      const shape = rng.weighted<string>([
        [6, "general"],
        [1, "walk"],
        [1, "transit"],
        [1, "drive"],
        [2, "usual"],
      ]);
      let transport: "d" | "w" | "r" = shape === "walk" ? "w" : shape === "transit" ? "r" : "d";
      let template: string;
      let suffix: Part[] = [];
      if (shape === "usual") {
        // "directions home": the place is the word said, from the current location.
        const [before, value] = rng.weighted(USUAL_PLACES.map(([weight, b, v]) => [weight, [b, v] as const] as const));
        template = ctx.phrasing("directions:usual", DIRECTIONS_USUAL);
        if (rng.chance(0.3)) {
          transport = pickTransport(ctx);
          suffix = [rng.pick(TRANSPORT[transport])];
        }
        const ref = ctx.plan.add("maps_show_directions", ["", value, transport]);
        ctx.resources.push({ kind: "map", ref, label: value, people: [] });
        return withExtras(clause(template, { dest: before ? [before, slot(value)] : [slot(value)] }), [suffix]);
      }
      if (shape === "general") {
        template = ctx.phrasing("directions", DIRECTIONS);
        if (rng.chance(0.45)) {
          transport = pickTransport(ctx);
          suffix = [rng.pick(TRANSPORT[transport])];
        }
      } else template = ctx.phrasing(`directions:${shape}`, shape === "walk" ? WALK_TO : shape === "transit" ? TRANSIT_TO : DRIVE_TO);
      const start = template.includes("{start}") ? place(rng, ctx.split).value : "";
      const ref = ctx.plan.add("maps_show_directions", [start, end.value, transport]);
      ctx.resources.push({ kind: "map", ref, label: end.value, people: [] });
      const placePart = end.takesThe && rng.chance(0.5) ? ["the ", slot(end.value)] : [slot(end.value)];
      return withExtras(clause(template, { place: placePart, start: slot(start) }), [suffix]);
    },
  },
  {
    name: "openFile",
    weight: 4,
    produces: "file",
    make(ctx) {
      const f = fileName(ctx.rng, ctx.split);
      // A file said aloud is its name in words, then what it is ("open the lease agreement doc").
      const spoken = ctx.rng.chance(0.25) && /^[\p{L}' ]+$/u.test(f.stem);
      const name = spoken || ctx.rng.chance(0.1) ? f.stem : f.name;
      const ref = ctx.plan.add("open_and_get_file_path", [name]);
      ctx.resources.push({ kind: "file", ref, label: f.stem, people: [] });
      return clause(spoken ? ctx.phrasing("openFile:spoken", FILE_OPEN_SPOKEN) : ctx.phrasing("openFile", FILE_OPEN), { file: slot(name) });
    },
  },
  {
    name: "summarize",
    weight: 4,
    produces: "summary",
    make(ctx) {
      const f = fileName(ctx.rng, ctx.split, "pdf");
      // "summarize the lease agreement pdf" looks for "lease agreement".
      const spoken = ctx.rng.chance(0.25) && /^[\p{L}' ]+$/u.test(f.stem);
      const name = spoken || ctx.rng.chance(0.1) ? f.stem : f.name;
      const path = ctx.plan.add("open_and_get_file_path", [name]);
      const ref = ctx.plan.add("summarize_pdf", [path]);
      ctx.resources.push({ kind: "summary", ref, label: f.stem, people: [] });
      return clause(spoken ? ctx.phrasing("summarize:spoken", SUMMARIZE_SPOKEN) : ctx.phrasing("summarize", SUMMARIZE), {
        file: slot(name),
      });
    },
  },
  {
    name: "phoneLookup",
    weight: 1.5,
    make(ctx) {
      const { person, name } = onePerson(ctx);
      ctx.plan.phones([{ person }]);
      return clause(ctx.phrasing("phoneLookup", PHONE_LOOKUP), { name });
    },
  },
  {
    name: "emailLookup",
    weight: 1.5,
    make(ctx) {
      const { person, name } = onePerson(ctx);
      ctx.plan.emails([{ person }]);
      return clause(ctx.phrasing("emailLookup", EMAIL_LOOKUP), { name });
    },
  },
  {
    name: "contactLookup",
    weight: 1,
    make(ctx) {
      // "Sid's contact info" asks for every kind of address: both lookups, in the order said.
      const { person, name } = onePerson(ctx);
      const template = ctx.phrasing("contactLookup", CONTACT_LOOKUP);
      const recipients = [{ person }];
      const email = template.indexOf("email");
      const phone = template.search(/number|phone/);
      if (email >= 0 && (phone < 0 || email < phone)) {
        ctx.plan.emails(recipients);
        ctx.plan.phones(recipients);
      } else {
        ctx.plan.phones(recipients);
        ctx.plan.emails(recipients);
      }
      return clause(template, { name });
    },
  },
  {
    name: "zoom",
    weight: 6,
    produces: "zoom",
    make(ctx) {
      const rng = ctx.rng;
      const w = when(rng, ctx.now, { duration: true, dayOnly: rng.chance(0.3) });
      const times = eventTimes(w);
      const shape = rng.weighted<string>([
        [3, "topic"],
        [4, "with"],
        [2, "untitled"],
      ]);
      let who: Part[] = [];
      let invitees: string[] = [];
      let people: Person[] = [];
      if (shape !== "topic") {
        const r = shape === "untitled" ? ctx.people() : ctx.recipients("email");
        who = r.parts;
        people = r.people;
        invitees = ctx.plan.emails(r.recipients);
      }
      const topicSurface = shape === "untitled" ? "" : title(rng, ctx.split);
      const topic = shape === "untitled" ? meetingWith(people) : capFirst(topicSurface);
      const ref = ctx.plan.add("get_zoom_meeting_link", [topic, times.start, times.minutes, invitees]);
      ctx.resources.push({ kind: "zoom", ref, label: topic, people, when: w });
      const family = shape === "topic" ? ZOOM_TOPIC : shape === "with" ? ZOOM_WITH : ZOOM_UNTITLED;
      const template = ctx.phrasing(`zoom:${shape}`, family);
      return clause(template, { topic: said(topicSurface), who, when: whenParts(w, template) });
    },
  },
  {
    name: "zoomEvent",
    weight: 2,
    make(ctx) {
      const rng = ctx.rng;
      const w = when(rng, ctx.now, { duration: true });
      const times = eventTimes(w);
      const r = ctx.recipients("email");
      const invitees = ctx.plan.emails(r.recipients);
      const surface = title(rng, ctx.split);
      const label = capFirst(surface);
      const link = ctx.plan.add("get_zoom_meeting_link", [label, times.start, times.minutes, invitees]);
      ctx.plan.add("create_calendar_event", [label, times.start, times.end, "", invitees, link, ""]);
      // Its phrasings say "them": the link goes to the people invited, so by text only where there
      // are people whose numbers can be looked up (addresses alone get it by email).
      const bySms = r.people.length > 0 && rng.chance(0.6);
      if (bySms) ctx.plan.add("send_sms", [ctx.plan.phones(r.people.map((person) => ({ person }))), link]);
      else ctx.plan.add("compose_new_email", [invitees, [], label, link, []]);
      ctx.resources.push({ kind: "zoom", ref: link, label, people: r.people, when: w });
      const template = ctx.phrasing(`zoomEvent:${bySms ? "sms" : "email"}`, bySms ? ZOOM_EVENT_SMS : ZOOM_EVENT_EMAIL);
      return clause(template, { title: said(surface), who: r.parts, when: whenParts(w, template) });
    },
  },
  {
    name: "attach",
    weight: 4,
    make(ctx) {
      const rng = ctx.rng;
      const how = rng.weighted<string>([
        [6, "email"],
        [2, "reply"],
        [2, "forward"],
      ]);
      const withMsg = rng.chance(0.25);
      const msg = withMsg ? message(rng, ctx.split) : "";
      // Recipients are looked up before the files are found, as a clause's words give them.
      const to = how === "reply" ? undefined : ctx.recipients("email");
      const recipients = to ? ctx.plan.emails(to.recipients) : [];
      const files = Array.from({ length: rng.chance(0.2) ? 2 : 1 }, () => fileName(rng, ctx.split));
      const names = files.map((f) => (rng.chance(0.1) ? f.stem : f.name)).filter((n, i, all) => all.indexOf(n) === i);
      const refs = names.map((n) => ctx.plan.add("open_and_get_file_path", [n]));
      const fileParts = joinList(
        rng,
        names.map((n) => slot(n)),
      );
      if (how === "email") {
        const [subjParts, subject] = maybe(ctx, withMsg ? 0 : 0.25, () => {
          const t = title(rng, ctx.split);
          return [ctx.phrasing("attach:subject", ATTACH_EMAIL_SUBJECT), { subj: said(t) }, t];
        });
        ctx.plan.add("compose_new_email", [recipients, [], capFirst(subject ?? ""), msg, refs]);
        const c = clause(ctx.phrasing(withMsg ? "attach:email:msg" : "attach:email", withMsg ? ATTACH_EMAIL_MSG : ATTACH_EMAIL), {
          file: fileParts,
          to: to!.parts,
          msg: said(msg),
        });
        return withExtras(c, [subjParts]);
      }
      if (how === "reply") {
        ctx.plan.add("reply_to_email", [[], msg, refs]);
        return clause(ctx.phrasing(withMsg ? "attach:reply:msg" : "attach:reply", withMsg ? ATTACH_REPLY_MSG : ATTACH_REPLY), {
          file: fileParts,
          msg: said(msg),
        });
      }
      ctx.plan.add("forward_email", [recipients, [], msg, refs]);
      return clause(ctx.phrasing(withMsg ? "attach:forward:msg" : "attach:forward", withMsg ? ATTACH_FORWARD_MSG : ATTACH_FORWARD), {
        file: fileParts,
        to: to!.parts,
        msg: said(msg),
      });
    },
  },
  {
    name: "placeShare",
    weight: 2,
    make(ctx) {
      const pl = place(ctx.rng, ctx.split);
      const bySms = ctx.rng.chance(0.5);
      const ref = ctx.plan.add("maps_open_location", [pl.value]);
      const to = ctx.recipients(bySms ? "phone" : "email");
      if (bySms) ctx.plan.add("send_sms", [ctx.plan.phones(to.recipients), ref]);
      else ctx.plan.add("compose_new_email", [ctx.plan.emails(to.recipients), [], "", ref, []]);
      return clause(ctx.phrasing(bySms ? "placeShare:sms" : "placeShare:email", bySms ? PLACE_SMS : PLACE_EMAIL), {
        to: to.parts,
        place: slot(pl.value),
      });
    },
  },
  // Consumers: each uses the most recent resource of its kind.
  {
    name: "linkEmail",
    weight: 5,
    consumes: ["zoom", "map"],
    make(ctx) {
      const r = ctx.resource(["zoom", "map"])!;
      const to = ctx.recipients("email", { people: r.people.length > 0 ? r.people : undefined });
      const msg = ctx.rng.chance(0.2) ? message(ctx.rng, ctx.split) : "";
      ctx.plan.add("compose_new_email", [ctx.plan.emails(to.recipients), [], r.kind === "zoom" ? r.label : "", withResult(msg, r.ref), []]);
      const family = msg ? LINK_EMAIL_MSG : LINK_EMAIL;
      return clause(ctx.phrasing(`linkEmail${msg ? ":msg" : ""}:${r.kind}`, family), { to: to.parts, msg: said(msg) });
    },
  },
  {
    name: "linkSms",
    weight: 5,
    consumes: ["zoom", "map"],
    make(ctx) {
      const r = ctx.resource(["zoom", "map"])!;
      const to = ctx.recipients("phone", { people: r.people.length > 0 ? r.people : undefined });
      ctx.plan.add("send_sms", [ctx.plan.phones(to.recipients), r.ref]);
      return clause(ctx.phrasing(`linkSms:${r.kind}`, LINK_SMS), { to: to.parts });
    },
  },
  {
    name: "zoomCalendar",
    weight: 3,
    consumes: ["zoom"],
    make(ctx) {
      const r = ctx.resource(["zoom"])!;
      const times = eventTimes(r.when!);
      ctx.plan.add("create_calendar_event", [
        r.label,
        times.start,
        times.end,
        "",
        ctx.plan.emails(r.people.map((person) => ({ person }))),
        r.ref,
        "",
      ]);
      return clause(ctx.phrasing("zoomCalendar", ZOOM_CALENDAR), {});
    },
  },
  {
    name: "fileEmail",
    weight: 4,
    consumes: ["file"],
    make(ctx) {
      const r = ctx.resource(["file"])!;
      const to = ctx.recipients("email");
      ctx.plan.add("compose_new_email", [ctx.plan.emails(to.recipients), [], "", "", [r.ref]]);
      return clause(ctx.phrasing("fileEmail", FILE_EMAIL), { to: to.parts });
    },
  },
  {
    name: "fileReply",
    weight: 1.5,
    consumes: ["file"],
    make(ctx) {
      const r = ctx.resource(["file"])!;
      ctx.plan.add("reply_to_email", [[], "", [r.ref]]);
      return clause(ctx.phrasing("fileReply", FILE_REPLY), {});
    },
  },
  {
    name: "fileForward",
    weight: 1.5,
    consumes: ["file"],
    make(ctx) {
      const r = ctx.resource(["file"])!;
      const to = ctx.recipients("email");
      ctx.plan.add("forward_email", [ctx.plan.emails(to.recipients), [], "", [r.ref]]);
      return clause(ctx.phrasing("fileForward", FILE_FORWARD), { to: to.parts });
    },
  },
  {
    name: "summaryEmail",
    weight: 4,
    consumes: ["summary"],
    make(ctx) {
      const r = ctx.resource(["summary"])!;
      const to = ctx.recipients("email");
      const msg = ctx.rng.chance(0.2) ? message(ctx.rng, ctx.split) : "";
      ctx.plan.add("compose_new_email", [ctx.plan.emails(to.recipients), [], `Summary of ${r.label}`, withResult(msg, r.ref), []]);
      const family = msg ? SUMMARY_EMAIL_MSG : SUMMARY_EMAIL;
      return clause(ctx.phrasing(`summaryEmail${msg ? ":msg" : ""}`, family), { to: to.parts, msg: said(msg) });
    },
  },
  {
    name: "summarySms",
    weight: 1.5,
    consumes: ["summary"],
    make(ctx) {
      const r = ctx.resource(["summary"])!;
      const to = ctx.recipients("phone");
      ctx.plan.add("send_sms", [ctx.plan.phones(to.recipients), r.ref]);
      return clause(ctx.phrasing("summarySms", SUMMARY_SMS), { to: to.parts });
    },
  },
  {
    name: "summaryReply",
    weight: 1,
    consumes: ["summary"],
    make(ctx) {
      const r = ctx.resource(["summary"])!;
      ctx.plan.add("reply_to_email", [[], r.ref, []]);
      return clause(ctx.phrasing("summaryReply", SUMMARY_REPLY), {});
    },
  },
  {
    name: "summaryForward",
    weight: 1,
    consumes: ["summary"],
    make(ctx) {
      const r = ctx.resource(["summary"])!;
      const to = ctx.recipients("email");
      ctx.plan.add("forward_email", [ctx.plan.emails(to.recipients), [], r.ref, []]);
      return clause(ctx.phrasing("summaryForward", SUMMARY_FORWARD), { to: to.parts });
    },
  },
  {
    name: "summaryNote",
    weight: 2,
    consumes: ["summary"],
    make(ctx) {
      const r = ctx.resource(["summary"])!;
      const t = title(ctx.rng, ctx.split);
      ctx.plan.add("create_note", [capFirst(t), r.ref, ""]);
      return clause(ctx.phrasing("summaryNote", SUMMARY_NOTE), { title: said(t) });
    },
  },
  {
    name: "summaryAppend",
    weight: 1.5,
    consumes: ["summary"],
    make(ctx) {
      const r = ctx.resource(["summary"])!;
      const name = title(ctx.rng, ctx.split);
      ctx.plan.add("append_note_content", [name, r.ref, ""]);
      return clause(ctx.phrasing("summaryAppend", SUMMARY_APPEND), { note: slot(name) });
    },
  },
  {
    name: "noteEmail",
    weight: 1.5,
    consumes: ["note"],
    make(ctx) {
      const r = ctx.resource(["note"])!;
      const to = ctx.recipients("email");
      ctx.plan.add("compose_new_email", [ctx.plan.emails(to.recipients), [], "", r.ref, []]);
      return clause(ctx.phrasing("noteEmail", NOTE_EMAIL), { to: to.parts });
    },
  },
  {
    name: "noteSms",
    weight: 1,
    consumes: ["note"],
    make(ctx) {
      const r = ctx.resource(["note"])!;
      const to = ctx.recipients("phone");
      ctx.plan.add("send_sms", [ctx.plan.phones(to.recipients), r.ref]);
      return clause(ctx.phrasing("noteSms", NOTE_SMS), { to: to.parts });
    },
  },
];

/** Every phrasing family, for counting and for tests. */
export const PHRASINGS = {
  sms: SMS,
  email: [...EMAIL_SUBJECT_BODY, ...EMAIL_SUBJECT, ...EMAIL_BODY],
  reply: [...REPLY, ...REPLY_CC, ...REPLY_CC_MSG],
  forward: [...FORWARD, ...FORWARD_MSG],
  event: [...EVENT_TITLED, ...EVENT_WITH, ...EVENT_UNTITLED],
  reminder: [...REMINDER_TIMED, ...REMINDER_PLAIN, ...REMINDER_LIST, ...REMINDER_ITEM],
  note: [...NOTE_FULL, ...NOTE_TEXT, ...NOTE_TITLE, ...NOTE_LIST, ...NOTE_LIST_TITLE],
  openNote: NOTE_OPEN,
  appendNote: NOTE_APPEND,
  mapOpen: MAP_OPEN,
  directions: [...DIRECTIONS, ...WALK_TO, ...TRANSIT_TO, ...DRIVE_TO, ...DIRECTIONS_USUAL],
  openFile: [...FILE_OPEN, ...FILE_OPEN_SPOKEN],
  summarize: [...SUMMARIZE, ...SUMMARIZE_SPOKEN],
  phoneLookup: PHONE_LOOKUP,
  emailLookup: EMAIL_LOOKUP,
  contactLookup: CONTACT_LOOKUP,
  zoom: [...ZOOM_TOPIC, ...ZOOM_WITH, ...ZOOM_UNTITLED],
  zoomEvent: [...ZOOM_EVENT_SMS, ...ZOOM_EVENT_EMAIL],
  attach: [...ATTACH_EMAIL, ...ATTACH_EMAIL_MSG, ...ATTACH_REPLY, ...ATTACH_REPLY_MSG, ...ATTACH_FORWARD, ...ATTACH_FORWARD_MSG],
  placeShare: [...PLACE_EMAIL, ...PLACE_SMS],
};
