import { parseStat } from './proc-stat';

describe('parseStat', () => {
  it('given a stat line whose name has spaces and parentheses, then its name, parent and CPU ticks', () => {
    expect(parseStat('42 (node (x) y) S 7 2 3 4 5 6 7 8 9 10 250 50 20 10 20 0')).toEqual({
      name: 'node (x) y',
      ppid: 7,
      ownTicks: 300,
      exitedChildrenTicks: 30,
    });
  });

  it('given a line cut short or no stat at all, then it says nothing', () => {
    expect(parseStat('42 (node) S 1 2 3')).toBeUndefined();
    expect(parseStat('')).toBeUndefined();
  });
});
