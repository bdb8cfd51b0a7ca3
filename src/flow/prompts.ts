/**
 * Every word the receptionist says, one table per locale. French uses the vouvoiement of a real
 * receptionist; the virtual assistant speaks of herself in the feminine.
 */
import type { Locale } from '../domain/vocabulary';

export interface SummaryFields {
  callerName?: string;
  reason?: string;
  /** Already formatted for reading or display. */
  callbackNumber?: string;
  urgent: boolean;
  /** The caller's own words already say it is urgent: the read-back does not say it again. */
  reasonSaysUrgent?: boolean;
  recording: boolean;
}

/** A lead sentence and the parts that apply, as one text. */
function sentences(lead: string, parts: (string | false | undefined)[]): string {
  return [lead, ...parts.filter((p): p is string => Boolean(p))].join(' ');
}

/**
 * The caller's own words inside a sentence: no capital at the start (unless it is an acronym or
 * "I"), no closing punctuation, so "Mon fils a de la fièvre." reads "mon fils a de la fièvre".
 */
export function quoted(words: string): string {
  const text = words.trim().replace(/[.!…\s]+$/u, '');
  if (/^(I\b|I'|\p{Lu}{2})/u.test(text)) return text;
  return text.charAt(0).toLocaleLowerCase('fr') + text.slice(1);
}

/** The caller's words as the end of a sentence: a question keeps its question mark. */
function quotedSentence(words: string): string {
  const text = quoted(words);
  return text.endsWith('?') ? text : `${text}.`;
}

/** "de Jean", but "d'Élodie": French elides `de` before a vowel or a mute h. */
export function deOrElided(name: string): string {
  return /^[aeiouyàâäéèêëîïôöùûüœh]/i.test(name.normalize('NFC')) ? `d'${name}` : `de ${name}`;
}

export interface Prompts {
  /** `client` is the spoken name: "au cabinet Martin", "chez Plomberie Durand". */
  greeting: (client: string) => string;
  greetingKnown: (caller: string, client: string) => string;
  consentNotice: string;
  menu: string;
  menuHints: string[];
  anythingElse: string;
  noInput: string;
  notUnderstood: string;
  takeMessage: string;
  askName: string;
  askReason: (name?: string) => string;
  callbackConfirm: (spokenNumber: string) => string;
  callbackEnter: string;
  askUrgency: string;
  recordIntro: string;
  recordFallback: string;
  /** The voice message offered to a caller who has not said a word: short, they may be on a bad line. */
  recordSilent: string;
  readBack: (f: SummaryFields) => string;
  confirmPrompt: string;
  restart: string;
  closing: string;
  /** The urgent closing: passed on as urgent, then the emergency advice when the client has one. */
  closingUrgent: (advice?: string) => string;
  transferring: string;
  transferFailed: string;
  urgentClosed: string;
  address: (address: string) => string;
  noAddress: string;
  timeUp: string;
  rejected: string;
  recordingEmpty: string;
  screenWhisper: (
    client: string,
    caller: string | undefined,
    spokenNumber: string | undefined,
    urgent: boolean,
    reason?: string,
  ) => string;
  screenDeclined: string;
  failSafe: string;
  failSafeRecord: string;
  failSafeConnect: string;
  goodbye: string;
  summary: (f: SummaryFields) => string;
  // understanding
  /** The caller asked for an appointment at the menu: not bookable yet, a message is taken. */
  appointmentNoted: string;
  /** The caller's first sentence had content but no menu choice: it becomes the message's reason. */
  requestNoted: string;
  /** A message for a named person who cannot be put through. */
  messageFor: (person: string) => string;
  /** The reason of a message for a named person. */
  reasonFor: (person: string, reason: string) => string;
  /** Spoken words the menu expects beyond its keywords: appointments, asking for someone. */
  intentHints: string[];
}

const fr: Prompts = {
  greeting: (client) => `Bonjour, vous êtes bien ${client}. Je suis l'assistante virtuelle.`,
  greetingKnown: (caller, client) =>
    `Bonjour ${caller}, vous êtes bien ${client}. Je suis l'assistante virtuelle.`,
  consentNotice: 'Votre message pourra être enregistré.',
  menu:
    'Dites-moi ce que vous souhaitez, ou tapez 1 pour une urgence, 2 pour laisser un message, ' +
    '3 pour nos horaires, 4 pour notre adresse.',
  menuHints: [
    'urgence',
    'urgent',
    'message',
    'laisser un message',
    'horaires',
    "heures d'ouverture",
    'adresse',
  ],
  anythingElse: 'Puis-je faire autre chose pour vous ?',
  noInput: 'Excusez-moi, je ne vous ai pas entendu.',
  notUnderstood: "Excusez-moi, je n'ai pas bien compris.",
  takeMessage: 'Je vais prendre votre message.',
  askName: "Puis-je avoir votre nom, s'il vous plaît ?",
  askReason: (name) => `Merci${name ? `, ${name}` : ''}. En quelques mots, quel est l'objet de votre appel ?`,
  callbackConfirm: (n) =>
    `Nous vous rappellerons au ${n}. Dites oui ou tapez 1 pour confirmer, ou donnez-nous un autre numéro.`,
  callbackEnter:
    'Sur quel numéro pouvons-nous vous rappeler ? Dites-le, ou composez-le suivi de la touche dièse.',
  askUrgency: 'Votre demande est-elle urgente ? Dites oui ou non, ou tapez 1 pour oui, 2 pour non.',
  recordIntro:
    'Après le bip, vous pouvez ajouter un message vocal. Appuyez sur une touche quand vous avez terminé.',
  recordFallback:
    "Je vous propose de laisser directement un message vocal. Après le bip, indiquez votre nom, votre numéro et l'objet de votre appel.",
  recordSilent:
    'Allô ? Je ne vous entends pas. Après le bip, laissez votre nom, votre numéro et votre message.',
  readBack: (f) =>
    sentences('Je récapitule.', [
      f.callerName && `Vous êtes ${f.callerName}.`,
      f.reason && `Votre message : ${quotedSentence(f.reason)}`,
      f.callbackNumber && `Nous vous rappellerons au ${f.callbackNumber}.`,
      f.recording && 'Vous avez laissé un message vocal.',
      f.urgent && !f.reasonSaysUrgent && 'Je le transmets comme urgent.',
    ]),
  confirmPrompt: "Si c'est correct, tapez 1 ou dites oui. Pour recommencer, tapez 2 ou dites non.",
  restart: 'Très bien, reprenons.',
  closing:
    'Merci, votre message a bien été transmis. Nous vous rappellerons dans les meilleurs délais. Au revoir.',
  closingUrgent: (advice) =>
    sentences('Merci, votre message a bien été transmis comme urgent et sera traité en priorité.', [
      advice,
      'Au revoir.',
    ]),
  transferring: 'Je vous mets en relation, merci de patienter quelques instants.',
  transferFailed: "Je suis désolée, personne n'est disponible pour le moment. Je vais prendre votre message.",
  urgentClosed:
    'Nous sommes fermés et je ne peux pas vous mettre en relation, mais je note votre message comme urgent.',
  address: (a) => `Notre adresse est : ${a}.`,
  noAddress: "Je suis désolée, je n'ai pas d'adresse à vous communiquer.",
  timeUp: 'Je suis désolée, nous devons écourter cet appel. Ce que vous avez dit a bien été noté. Au revoir.',
  rejected: 'Nous ne pouvons pas donner suite à votre appel. Au revoir.',
  recordingEmpty: "Je n'ai pas reçu de message. N'hésitez pas à nous rappeler. Au revoir.",
  screenWhisper: (client, caller, n, urgent, reason) =>
    sentences(
      `Appel ${urgent ? 'urgent ' : ''}pour ${client}${caller ? `, ${deOrElided(caller)}` : ''}${n ? `, au ${n}` : ', numéro masqué'}.`,
      [reason && `Motif : ${quotedSentence(reason)}`, "Tapez 1 pour prendre l'appel."],
    ),
  screenDeclined: "L'appel n'a pas été pris. Au revoir.",
  failSafe: 'Veuillez nous excuser, nous rencontrons un problème technique.',
  failSafeRecord: 'Après le bip, laissez votre nom, votre numéro et votre message. Nous vous rappellerons.',
  failSafeConnect: 'Je vous mets en relation.',
  goodbye: 'Au revoir.',
  summary: (f) =>
    [
      f.callerName ? `Message ${deOrElided(f.callerName)}` : "Message d'un appelant non identifié",
      f.callbackNumber ? `, à rappeler au ${f.callbackNumber}.` : '.',
      ` Objet : ${f.reason ?? 'non précisé'}.`,
      f.urgent ? ' URGENT.' : '',
      f.recording ? ' Message vocal joint.' : '',
    ].join(''),
  // understanding
  appointmentNoted: "Je note votre demande de rendez-vous ; nous vous rappellerons pour fixer l'horaire.",
  requestNoted: 'Très bien, je note votre demande.',
  messageFor: (person) => `Je vais prendre votre message pour ${person}.`,
  reasonFor: (person, reason) => `Pour ${person} : ${reason}`,
  intentHints: ['rendez-vous', 'prendre rendez-vous', 'consultation', 'parler au docteur', 'rappeler'],
};

const en: Prompts = {
  greeting: (client) => `Hello, you have reached ${client}. I am the virtual assistant.`,
  greetingKnown: (caller, client) =>
    `Hello ${caller}, you have reached ${client}. I am the virtual assistant.`,
  consentNotice: 'Your message may be recorded.',
  menu:
    'Tell me what you need, or press 1 for an emergency, 2 to leave a message, 3 for our hours, ' +
    '4 for our address.',
  menuHints: ['emergency', 'urgent', 'message', 'leave a message', 'hours', 'business hours', 'address'],
  anythingElse: 'Is there anything else I can do for you?',
  noInput: "Sorry, I didn't hear anything.",
  notUnderstood: "Sorry, I didn't quite catch that.",
  takeMessage: 'I will take your message.',
  askName: 'May I have your name, please?',
  askReason: (name) => `Thank you${name ? `, ${name}` : ''}. In a few words, what is your call about?`,
  callbackConfirm: (n) =>
    `We will call you back at ${n}. Say yes or press 1 to confirm, or give us another number.`,
  callbackEnter: 'What number should we call you back at? Say it, or type it followed by the pound key.',
  askUrgency: 'Is your request urgent? Say yes or no, or press 1 for yes, 2 for no.',
  recordIntro: 'After the beep, you may add a voice message. Press any key when you are done.',
  recordFallback:
    'You can leave a voice message instead. After the beep, please say your name, your number and what your call is about.',
  recordSilent:
    "Hello? I can't hear you. After the beep, please leave your name, your number and your message.",
  readBack: (f) =>
    sentences('Let me read that back.', [
      f.callerName && `You are ${f.callerName}.`,
      f.reason && `Your message: ${quotedSentence(f.reason)}`,
      f.callbackNumber && `We will call you back at ${f.callbackNumber}.`,
      f.recording && 'You left a voice message.',
      f.urgent && !f.reasonSaysUrgent && 'I am passing it on as urgent.',
    ]),
  confirmPrompt: 'If that is correct, press 1 or say yes. To start again, press 2 or say no.',
  restart: "All right, let's start again.",
  closing: 'Thank you, your message has been passed on. We will call you back as soon as possible. Goodbye.',
  closingUrgent: (advice) =>
    sentences('Thank you, your message has been passed on as urgent and will be handled first.', [
      advice,
      'Goodbye.',
    ]),
  transferring: 'I am connecting you now, please hold for a moment.',
  transferFailed: 'I am sorry, nobody is available right now. I will take your message.',
  urgentClosed: 'We are closed and I cannot put you through, but I will mark your message as urgent.',
  address: (a) => `Our address is: ${a}.`,
  noAddress: 'I am sorry, I have no address to give you.',
  timeUp: 'I am sorry, we have to end this call. What you told us has been noted. Goodbye.',
  rejected: 'We cannot take your call. Goodbye.',
  recordingEmpty: 'I did not receive a message. Please feel free to call us again. Goodbye.',
  screenWhisper: (client, caller, n, urgent, reason) =>
    sentences(
      `${urgent ? 'Urgent call' : 'Call'} for ${client}${caller ? ` from ${caller}` : ''}${n ? `, number ${n}` : ', number withheld'}.`,
      [reason && `Reason: ${quotedSentence(reason)}`, 'Press 1 to take the call.'],
    ),
  screenDeclined: 'The call was not taken. Goodbye.',
  failSafe: 'We are sorry, we are experiencing a technical problem.',
  failSafeRecord:
    'After the beep, please leave your name, your number and your message. We will call you back.',
  failSafeConnect: 'I am connecting you now.',
  goodbye: 'Goodbye.',
  summary: (f) =>
    [
      `Message from ${f.callerName ?? 'unidentified caller'}`,
      f.callbackNumber ? `, call back at ${f.callbackNumber}.` : '.',
      ` About: ${f.reason ?? 'not given'}.`,
      f.urgent ? ' URGENT.' : '',
      f.recording ? ' Voice message attached.' : '',
    ].join(''),
  // understanding
  appointmentNoted: 'I will note your appointment request; we will call you back to set a time.',
  requestNoted: 'Very well, I will note your request.',
  messageFor: (person) => `I will take your message for ${person}.`,
  reasonFor: (person, reason) => `For ${person}: ${reason}`,
  intentHints: ['appointment', 'book an appointment', 'speak to the doctor', 'call back'],
};

export const PROMPTS: Record<Locale, Prompts> = { 'fr-FR': fr, 'en-US': en };

/** Said before hanging up on a number that belongs to no client: French first, then English. */
export const UNKNOWN_NUMBER: Record<Locale, string> = {
  'fr-FR': "Le numéro que vous avez composé n'est pas attribué. Veuillez vérifier le numéro. Au revoir.",
  'en-US': 'The number you have dialed is not assigned. Please check the number. Goodbye.',
};
