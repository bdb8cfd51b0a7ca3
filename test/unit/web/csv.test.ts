import { csvCell, csvDocument, csvRow } from '../../../src/web/csv';

describe('CSV cells', () => {
  it.each<[unknown, string, string]>([
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`, 'a formula is neutralised and quoted'],
    ['@SUM(A1)', "'@SUM(A1)", 'an @ formula is neutralised'],
    ['+1+cmd', "'+1+cmd", 'a + followed by more than digits is neutralised'],
    ['-2+3', "'-2+3", 'a - followed by more than digits is neutralised'],
    ['\tx', "'\tx", 'a leading tab is neutralised'],
    ['+33612345678', '+33612345678', 'an E.164 phone number is kept as it is'],
    ['+33 6 12 34 56 78', '+33 6 12 34 56 78', 'a spaced phone number is kept as it is'],
    ['-12', '-12', 'a negative number is kept as it is'],
    ['Dupont, Jeanne', '"Dupont, Jeanne"', 'a comma is quoted'],
    ['ligne 1\nligne 2', '"ligne 1\nligne 2"', 'a line break is quoted'],
    [null, '', 'nothing is an empty cell'],
  ])('%j becomes %j (%s)', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});

describe('CSV documents for the reader’s spreadsheet', () => {
  it('when French, then a BOM, semicolons, and a cell holding a semicolon quoted (a comma is not)', () => {
    expect(csvDocument('fr', ['Nom', 'Motif'], [['Dupont, Jeanne', 'a; b']])).toBe(
      '\ufeffNom;Motif\r\nDupont, Jeanne;"a; b"\r\n',
    );
  });

  it('when English, then a BOM, commas, and a cell holding a comma quoted', () => {
    expect(csvDocument('en', ['Name', 'Reason'], [['Dupont, Jeanne', 'a; b']])).toBe(
      '\ufeffName,Reason\r\n"Dupont, Jeanne",a; b\r\n',
    );
  });

  it('when a formula comes in either language, then it is neutralised', () => {
    expect(csvRow('fr', ['=1+2', '06 12 34 56 02'])).toBe("'=1+2;06 12 34 56 02\r\n");
  });
});
