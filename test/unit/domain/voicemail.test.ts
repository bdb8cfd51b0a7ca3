import { readVoicemail, REASON_MAX } from '../../../src/domain/voicemail';

describe('reading a French voicemail', () => {
  it.each([
    [
      "Bonjour, c'est Camille Martin, j'appelle pour le renouvellement de mon ordonnance. Rappelez-moi au 06 12 34 56 78",
      {
        callerName: 'Camille Martin',
        callbackNumber: '+33612345678',
        reason: 'Le renouvellement de mon ordonnance',
      },
    ],
    [
      "Bonjour je m'appelle Paul Durand je voudrais prendre rendez-vous pour jeudi. Mon numéro est le 06.12.34.56.78. Merci, au revoir.",
      {
        callerName: 'Paul Durand',
        callbackNumber: '+33612345678',
        reason: 'Je voudrais prendre rendez-vous pour jeudi',
      },
    ],
    [
      'Oui bonjour, ici Maître Lefèvre. Pouvez-vous me rappeler au +33 6 12 34 56 78 au sujet du dossier Bernard ? Merci beaucoup.',
      { callerName: 'Maître Lefèvre', callbackNumber: '+33612345678', reason: 'Dossier Bernard' },
    ],
    [
      "Moi c'est Léa. Il y a une fuite sous l'évier, c'est urgent. 0612345678.",
      {
        callerName: 'Léa',
        callbackNumber: '+33612345678',
        reason: "Il y a une fuite sous l'évier, c'est urgent",
      },
    ],
    [
      "Mon nom est Jean-Pierre Roux, vous pouvez me joindre au 01 44 55 66 77. C'est au sujet de la facture de mars.",
      { callerName: 'Jean-Pierre Roux', callbackNumber: '+33144556677', reason: 'La facture de mars' },
    ],
    [
      'Bonjour, ici Marc Petit, rappelez-moi pour le devis de la toiture, merci.',
      { callerName: 'Marc Petit', reason: 'Le devis de la toiture' },
    ],
    ["Bonjour, c'est pour un devis de toiture. Merci.", { reason: 'Un devis de toiture' }],
    ['Rappelez-moi au 0612345678 merci au revoir', { callbackNumber: '+33612345678' }],
    ['Merci, au revoir.', {}],
    ['Allô ? Allô ?', {}],
    ['', {}],
  ])('when the transcription is %j, then it reads %j', (text, expected) => {
    expect(readVoicemail(text, 'FR')).toEqual(expected);
  });
});

describe('reading an English voicemail', () => {
  it.each([
    [
      "Hi, this is John Smith. I'm calling about my appointment on Friday. Please call me back at (415) 555-0132. Thanks, bye.",
      { callerName: 'John Smith', callbackNumber: '+14155550132', reason: 'My appointment on Friday' },
    ],
    [
      'Hello, my name is Sarah Connor, my water heater is leaking. You can reach me at 415 555 0132.',
      { callerName: 'Sarah Connor', callbackNumber: '+14155550132', reason: 'My water heater is leaking' },
    ],
    ["It's Dave. Call me back.", { callerName: 'Dave' }],
    [
      'The invoice you sent is wrong, please check it.',
      { reason: 'The invoice you sent is wrong, please check it' },
    ],
    ['Thank you, goodbye.', {}],
  ])('when the transcription is %j, then it reads %j', (text, expected) => {
    expect(readVoicemail(text, 'US')).toEqual(expected);
  });
});

describe('what is not a name or a number', () => {
  it('when "c\'est" is followed by a common word, then no name is read', () => {
    expect(readVoicemail("C'est urgent, la chaudière ne marche plus.", 'FR').callerName).toBeUndefined();
    expect(readVoicemail("C'est pour un rendez-vous.", 'FR').callerName).toBeUndefined();
    expect(readVoicemail("It's about the invoice.", 'US').callerName).toBeUndefined();
  });

  it('when the digits are no valid number, then no callback number is read', () => {
    expect(readVoicemail('Ma commande numéro 12 34 est en retard.', 'FR').callbackNumber).toBeUndefined();
  });

  it('when the number is national and no country is known, then it is not guessed', () => {
    expect(readVoicemail('Rappelez-moi au 06 12 34 56 78', undefined).callbackNumber).toBeUndefined();
  });

  it('when the message is long, then the reason is cut on a word with an ellipsis', () => {
    const long = `Bonjour. ${'Le chauffe-eau fuit encore et encore dans la cave '.repeat(10)}`;
    const reason = readVoicemail(long, 'FR').reason!;
    expect(reason.length).toBeLessThanOrEqual(REASON_MAX);
    expect(reason).toMatch(/^Le chauffe-eau fuit .*[a-z]…$/);
  });
});
