/** The weekly report preview page's words, French and English. */
import type { Lang } from '../i18n';

const N = '\u202f';

const fr = {
  title: 'Rapport hebdomadaire',
  back: 'Retour au client',
  intro: (week: string) => `Le rapport de la semaine ${week}, tel que le client le recevra.`,
  subject: 'Objet',
  recipients: 'Destinataires',
  noRecipient: `Aucun destinataire${N}: indiquez des adresses pour le rapport ou pour les e-mails du client.`,
  sendNow: 'Envoyer maintenant',
  frameTitle: 'Le rapport hebdomadaire',
  sent: (to: string) => `Rapport envoyé à ${to}.`,
  alreadySent: `Le rapport de cette semaine a déjà été envoyé${N}: il ne part qu’une fois.`,
  cannotSend: `Le rapport n’a pas pu être envoyé${N}: réessayez dans un moment.`,
};

const en: typeof fr = {
  title: 'Weekly report',
  back: 'Back to the client',
  intro: (week: string) => `The report of the week of ${week}, as the client will receive it.`,
  subject: 'Subject',
  recipients: 'Recipients',
  noRecipient: 'No recipient: give addresses for the report or for the client’s emails.',
  sendNow: 'Send now',
  frameTitle: 'The weekly report',
  sent: (to: string) => `Report sent to ${to}.`,
  alreadySent: 'This week’s report was already sent: it goes out once.',
  cannotSend: 'The report could not be sent: try again in a moment.',
};

export const weeklyReportPageTexts = (lang: Lang) => (lang === 'en' ? en : fr);
