import {
  callingCodeOf,
  clientCountry,
  countryOf,
  displayPhone,
  e164PhoneSchema,
  isE164Phone,
  spokenPhone,
  normaliseCallerId,
  toE164,
} from '../../../src/domain/phone';

describe('reading a number to E.164', () => {
  it.each([
    ['France, national', '0612345678', 'FR', '+33612345678'],
    ['France, written with spaces', '06 12 34 56 78', 'FR', '+33612345678'],
    ['France, international prefix 00', '0033612345678', 'FR', '+33612345678'],
    ['United States, national', '4155551234', 'US', '+14155551234'],
    ['United States, punctuated', '(415) 555-1234', 'US', '+14155551234'],
    ['United Kingdom, national', '02079460958', 'GB', '+442079460958'],
    ['Belgium, national fixed line', '022123456', 'BE', '+3222123456'],
    ['Belgium, national mobile', '0470123456', 'BE', '+32470123456'],
    ['Switzerland, national', '0446681800', 'CH', '+41446681800'],
    ['a Swiss number dialled from France with 00', '0041446681800', 'FR', '+41446681800'],
    ['a British number dialled from the US with 011', '011442079460958', 'US', '+442079460958'],
    ['already in E.164, whatever the country', '+3222123456', 'FR', '+3222123456'],
  ] as const)('when %s (%s in %s) is read, then it is %s', (_what, text, country, expected) => {
    expect(toE164(text, country)).toBe(expected);
  });

  it('when the same national digits are read in two countries, then they are two different numbers', () => {
    expect(toE164('0470123456', 'BE')).toBe('+32470123456');
    expect(toE164('0470123456', 'FR')).toBe('+33470123456');
    // A French mobile is no number at all on a Belgian or British line.
    expect(toE164('0612345678', 'BE')).toBeUndefined();
    expect(toE164('0612345678', 'GB')).toBeUndefined();
  });

  it.each([
    ['too short for France', '061234567', 'FR'],
    ['too long for France', '06123456789', 'FR'],
    ['a French number with a digit no range uses', '0012345678', 'FR'],
    ['a national number without a country', '0612345678', undefined],
    ['a US number in an area code that does not exist', '1115551234', 'US'],
    ['a withheld caller ID', 'anonymous', 'FR'],
    ['an empty entry', '', 'FR'],
  ] as const)('when %s (%j) is read, then it is not a number', (_what, text, country) => {
    expect(toE164(text, country)).toBeUndefined();
  });
});

describe('validating E.164', () => {
  it.each(['+33612345678', '+14155551234', '+442079460958', '+3222123456', '+41446681800'])(
    'when %s is checked, then it is a valid E.164 number',
    (number) => {
      expect(isE164Phone(number)).toBe(true);
      expect(e164PhoneSchema.parse(number)).toBe(number);
    },
  );

  it.each([
    // The old regex accepted each of these: 7 to 15 digits after a `+`.
    ['+33012345678', '+33012345678 is not a valid phone number'],
    ['+3361234567', '+3361234567 is not a valid phone number'],
    ['+99912345678', '+99912345678 is not a valid phone number'],
    ['0612345678', 'expected an E.164 phone number such as +33180000000'],
    ['anonymous', 'expected an E.164 phone number such as +33180000000'],
    ['+33 6 12 34 56 78', 'expected an E.164 phone number, without spaces or punctuation: +33612345678'],
  ])('when %s is validated, then it is refused: %s', (number, message) => {
    expect(isE164Phone(number)).toBe(false);
    const result = e164PhoneSchema.safeParse(number);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual([message]);
  });

  it('when a number comes with surrounding spaces, then the schema trims it', () => {
    expect(e164PhoneSchema.parse(' +33612345678 ')).toBe('+33612345678');
  });
});

describe('countries', () => {
  it.each([
    ['+33180000000', 'FR'],
    ['+14155551234', 'US'],
    ['+15145551234', 'CA'],
    ['+442079460958', 'GB'],
    ['+3222123456', 'BE'],
    ['+41446681800', 'CH'],
  ])('when the number is %s, then its country is %s', (number, country) => {
    expect(countryOf(number)).toBe(country);
  });

  it("when a client has numbers, then its country is its first number's", () => {
    expect(clientCountry({ numbers: ['+3222123456', '+33180000000'] })).toBe('BE');
    expect(clientCountry({ numbers: [] })).toBeUndefined();
  });

  it.each([
    ['+33612345678', '33'],
    ['+14155551234', '1'],
    ['+35312345678', '353'],
    ['+3361234567', '33'],
  ])('when %s is masked, then its calling code %s is found even if the number is invalid', (number, code) => {
    expect(callingCodeOf(number)).toBe(code);
  });
});

describe('displaying a number', () => {
  it.each([
    ['+33612345678', 'FR', '06 12 34 56 78'],
    ['+33612345678', 'US', '+33 6 12 34 56 78'],
    ['+33612345678', undefined, '+33 6 12 34 56 78'],
    ['+14155551234', 'US', '(415) 555-1234'],
    // All of +1 dials alike: a Canadian number reads nationally for a US client.
    ['+15145551234', 'US', '(514) 555-1234'],
    ['+14155551234', 'FR', '+1 415 555 1234'],
    ['+442079460958', 'GB', '020 7946 0958'],
    ['+442079460958', 'FR', '+44 20 7946 0958'],
    ['+32470123456', 'BE', '0470 12 34 56'],
    ['+3222123456', 'FR', '+32 2 212 34 56'],
    ['+41446681800', 'CH', '044 668 18 00'],
    ['+41446681800', 'BE', '+41 44 668 18 00'],
    // Callback numbers kept as bare digits before they were stored in E.164.
    ['0698765432', 'FR', '06 98 76 54 32'],
    ['anonymous', 'FR', 'anonymous'],
    ['+266696687', 'FR', '+266696687'],
  ] as const)('when %s is shown in %s, then it reads %s', (number, country, shown) => {
    expect(displayPhone(number, country)).toBe(shown);
  });
});

describe('speaking a number', () => {
  it.each([
    ['+33612345678', 'fr-FR', 'FR', '06, 12, 34, 56, 78'],
    ['+33612345678', 'en-US', 'FR', '0 6, 1 2, 3 4, 5 6, 7 8'],
    ['+33612345678', 'en-US', 'US', 'plus 3 3, 6, 1 2, 3 4, 5 6, 7 8'],
    ['+14155551234', 'en-US', 'US', '4 1 5, 5 5 5, 1 2 3 4'],
    ['+14155551234', 'fr-FR', 'FR', 'plus 1, 415, 555, 12, 34'],
    ['+442079460958', 'fr-FR', 'FR', 'plus 44, 20, 79, 46, 09, 58'],
    ['+442079460958', 'en-US', 'GB', '0 2 0, 7 9 4 6, 0 9 5 8'],
    ['+32470123456', 'fr-FR', 'BE', '04, 70, 12, 34, 56'],
    ['+3222123456', 'fr-FR', 'BE', '02, 212, 34, 56'],
    // A three-digit group starting with 0 is split, so it is said "zéro, quarante-quatre".
    ['+41446681800', 'fr-FR', 'CH', '0, 44, 668, 18, 00'],
    ['+33800123456', 'fr-FR', 'FR', '0, 800, 12, 34, 56'],
  ] as const)(
    'when %s is said in %s for a client in %s, then the voice says "%s"',
    (number, locale, country, said) => {
      expect(spokenPhone(number, locale, country)).toBe(said);
    },
  );

  it('when a number cannot be read, then its digits are said one by one in threes, never as made-up pairs', () => {
    expect(spokenPhone('+266696687', 'fr-FR', 'FR')).toBe('plus 2 6 6, 6 9 6, 6 8 7');
    expect(spokenPhone('+266696687', 'en-US', 'FR')).toBe('plus 2 6 6, 6 9 6, 6 8 7');
  });

  it('when a caller ID arrives without its +, then it is read as the number it is', () => {
    expect(spokenPhone('33478123456', 'fr-FR', 'FR')).toBe('04, 78, 12, 34, 56');
    expect(spokenPhone('33478123456', 'fr-FR', undefined)).toBe('plus 33, 4, 78, 12, 34, 56');
    expect(spokenPhone('33478123456', 'en-US', 'US')).toBe('plus 3 3, 4, 7 8, 1 2, 3 4, 5 6');
  });

  it.each([
    ['+33478123456', '+33478123456'],
    ['33478123456', '+33478123456'],
    ['0033478123456', '+33478123456'],
    ['12025550100', '+12025550100'],
    ['anonymous', 'anonymous'],
    ['266696687', '266696687'],
    ['+266696687', '+266696687'],
  ])('a caller ID %j is normalised to %j', (from, expected) => {
    expect(normaliseCallerId(from)).toBe(expected);
  });
});
