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

/** Two different clubs of one league, drawn with `random` (uniform in [0, 1)). */
export function drawFixture(random: () => number): Fixture {
  const league = LEAGUES[Math.floor(random() * LEAGUES.length)];
  const home = Math.floor(random() * league.clubs.length);
  const away = (home + 1 + Math.floor(random() * (league.clubs.length - 1))) % league.clubs.length;
  const club = (name: string): Club => ({ id: clubId(name), name });
  return { competition: league.competition, home: club(league.clubs[home]), away: club(league.clubs[away]) };
}
