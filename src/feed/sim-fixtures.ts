/**
 * Fixtures for the odds simulator: football leagues with real club names,
 * drawn with the simulator's seeded PRNG so a run can be reproduced.
 */

export interface Club {
  /** A participant id: lower-case letters, digits and dashes. */
  id: string;
  name: string;
}

export interface Fixture {
  competition: string;
  home: Club;
  away: Club;
}

const LEAGUES: Array<{ competition: string; clubs: string[] }> = [
  {
    competition: 'Premier League',
    clubs: ['Arsenal', 'Aston Villa', 'Brighton & Hove Albion', 'Chelsea', 'Everton', 'Fulham', 'Liverpool', 'Manchester City', 'Manchester United', 'Newcastle United', 'Tottenham Hotspur', 'West Ham United'],
  },
  {
    competition: 'LaLiga',
    clubs: ['Athletic Club', 'Atlético Madrid', 'Barcelona', 'Girona', 'Real Betis', 'Real Madrid', 'Real Sociedad', 'Sevilla', 'Valencia', 'Villarreal'],
  },
  {
    competition: 'Serie A',
    clubs: ['Atalanta', 'Bologna', 'Fiorentina', 'Inter', 'Juventus', 'Lazio', 'Milan', 'Napoli', 'Roma', 'Torino'],
  },
  {
    competition: 'Bundesliga',
    clubs: ['Bayer Leverkusen', 'Bayern Munich', 'Borussia Dortmund', 'Eintracht Frankfurt', 'RB Leipzig', 'SC Freiburg', 'Union Berlin', 'VfB Stuttgart', 'VfL Wolfsburg', 'Werder Bremen'],
  },
  {
    competition: 'Ligue 1',
    clubs: ['Lens', 'Lille', 'Lyon', 'Marseille', 'Monaco', 'Nice', 'Paris Saint-Germain', 'Rennes'],
  },
];

/** "Brighton & Hove Albion" -> "brighton-hove-albion" ("Atlético" -> "atletico"). */
function clubId(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * Two different clubs of one league, drawn with `random` (uniform in [0, 1)),
 * among the clubs not in `playing` (no club plays two matches at once) while
 * some league still has two free clubs; beyond that (more events than the
 * leagues' clubs can fill) clubs repeat.
 */
export function drawFixture(random: () => number, playing: ReadonlySet<string> = new Set()): Fixture {
  const first = Math.floor(random() * LEAGUES.length);
  for (let i = 0; i < LEAGUES.length; i++) {
    const league = LEAGUES[(first + i) % LEAGUES.length];
    const free = league.clubs.filter((name) => !playing.has(clubId(name)));
    if (free.length >= 2) return pair(league.competition, free, random);
  }
  const league = LEAGUES[first];
  return pair(league.competition, league.clubs, random);
}

function pair(competition: string, clubs: string[], random: () => number): Fixture {
  const home = Math.floor(random() * clubs.length);
  const away = (home + 1 + Math.floor(random() * (clubs.length - 1))) % clubs.length;
  const club = (name: string): Club => ({ id: clubId(name), name });
  return { competition, home: club(clubs[home]), away: club(clubs[away]) };
}
