/**
 * Hand-made word lists that turn raw search queries into plausible product names. They only
 * shape names and prices; which products exist is decided by the query data (build-catalog.ts).
 */

/** Brands as they appear in queries (lower case) → display name. */
export const BRANDS: Readonly<Record<string, string>> = {
  apple: 'Apple',
  samsung: 'Samsung',
  google: 'Google',
  amazon: 'Amazon',
  dell: 'Dell',
  insignia: 'Insignia',
  microsoft: 'Microsoft',
  lenovo: 'Lenovo',
  nintendo: 'Nintendo',
  sony: 'Sony',
  lg: 'LG',
  hp: 'HP',
  whirlpool: 'Whirlpool',
  logitech: 'Logitech',
  belkin: 'Belkin',
  sandisk: 'SanDisk',
  keurig: 'Keurig',
  westinghouse: 'Westinghouse',
  huawei: 'Huawei',
  serta: 'Serta',
  roku: 'Roku',
  tracfone: 'TracFone',
  jbl: 'JBL',
  bose: 'Bose',
  canon: 'Canon',
  nikon: 'Nikon',
  fitbit: 'Fitbit',
  kitchenaid: 'KitchenAid',
  toshiba: 'Toshiba',
  yamaha: 'Yamaha',
  philips: 'Philips',
  skullcandy: 'Skullcandy',
  incipio: 'Incipio',
  zagg: 'ZAGG',
  bissell: 'Bissell',
  dynex: 'Dynex',
  asus: 'ASUS',
  acer: 'Acer',
  '360fly': '360fly',
};

/** Product lines that imply their maker: "iphone" is an Apple product. */
export const PRODUCT_LINES: Readonly<Record<string, string>> = {
  iphone: 'Apple',
  ipad: 'Apple',
  macbook: 'Apple',
  chromecast: 'Google',
  chromebook: 'Google',
  chromebooks: 'Google',
  echo: 'Amazon',
  kindle: 'Amazon',
  fire: 'Amazon',
  galaxy: 'Samsung',
  xbox: 'Microsoft',
  surface: 'Microsoft',
  playstation: 'Sony',
  inspiron: 'Dell',
  xps: 'Dell',
  thinkpad: 'Lenovo',
  amiibo: 'Nintendo',
};

/** Makers used when a query names no brand, by top-level category. */
export const BRANDS_BY_DEPARTMENT: Readonly<Record<string, readonly string[]>> = {
  Appliances: ['Whirlpool', 'Frigidaire', 'GE', 'KitchenAid', 'Bosch', 'Samsung', 'LG'],
  'Computers & Tablets': ['Dell', 'HP', 'Lenovo', 'ASUS', 'Acer', 'Microsoft'],
  'Cell Phones': ['Samsung', 'Motorola', 'Belkin', 'ZAGG', 'OtterBox', 'Insignia'],
  'TV & Home Theater': ['Samsung', 'LG', 'Sony', 'Insignia', 'Vizio', 'TCL'],
  Audio: ['Bose', 'Sony', 'JBL', 'Sennheiser', 'Yamaha', 'Skullcandy'],
  'Cameras & Camcorders': ['Canon', 'Nikon', 'Sony', 'GoPro', 'Fujifilm'],
  'Video Games': ['Nintendo', 'Microsoft', 'Sony', 'PowerA', 'Turtle Beach'],
  'Car Electronics & GPS': ['Garmin', 'Pioneer', 'Kenwood', 'Rockford Fosgate'],
  'Smart Home': ['Google', 'Amazon', 'Philips', 'Ring', 'ecobee'],
  'Wearable Technology': ['Fitbit', 'Apple', 'Garmin', 'Samsung'],
};

/** Makers for every other department. */
export const DEFAULT_BRANDS: readonly string[] = ['Insignia', 'Dynex', 'Philips', 'Rocketfish', 'Belkin'];

/** Words whose usual spelling is not Title Case. */
export const SPELLINGS: Readonly<Record<string, string>> = {
  iphone: 'iPhone',
  ipad: 'iPad',
  macbook: 'MacBook',
  tv: 'TV',
  usb: 'USB',
  hd: 'HD',
  hdmi: 'HDMI',
  ssd: 'SSD',
  sd: 'SD',
  lcd: 'LCD',
  led: 'LED',
  gps: 'GPS',
  xps: 'XPS',
  hp: 'HP',
  lg: 'LG',
  jbl: 'JBL',
  '4k': '4K',
  '1tb': '1TB',
  '4tb': '4TB',
  '12mp': '12MP',
  '6s': '6s',
  s7: 'S7',
  os: 'OS',
  thinkpad: 'ThinkPad',
  playstation: 'PlayStation',
  chromecast: 'Chromecast',
};

/** Words that only appear in chatter typed into the search box, never in product queries. */
export const NOISE_WORDS: ReadonlySet<string> = new Set([
  'a',
  'an',
  'another',
  'hello',
  'hi',
  'is',
  'something',
  'thank',
  'this',
  'what',
  'you',
]);

/** Words too common to tie a query to a category ("tv & home theater" shares "home" with "home"). */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'a',
  'all',
  'and',
  'for',
  'the',
  'with',
  'home',
  'other',
]);

/** Name suffixes that tell apart the products derived from one query. */
export const VARIANTS: readonly string[] = ['', 'Pro', 'Plus', 'Mini', 'Max', 'Lite'];

/** Price bands in dollars, [min, max), by top-level category; accessories use ACCESSORY_BAND. */
export const PRICE_BANDS: Readonly<Record<string, readonly [number, number]>> = {
  Appliances: [149, 2499],
  'Computers & Tablets': [99, 1999],
  'Cell Phones': [99, 1099],
  'TV & Home Theater': [129, 2999],
  Audio: [29, 499],
  'Cameras & Camcorders': [149, 1799],
  'Video Games': [19, 499],
};
export const DEFAULT_BAND: readonly [number, number] = [19, 399];
export const ACCESSORY_BAND: readonly [number, number] = [9, 79];

/** Search-time synonyms, keyed and valued by folded tokens (see tokenize.ts). */
export const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  fridge: ['refrigerator'],
  notebook: ['laptop'],
  earphone: ['headphone', 'earbud'],
  earbud: ['headphone'],
  tv: ['television'],
  television: ['tv'],
  adaptor: ['adapter'],
  cellphone: ['phone'],
  mobile: ['phone'],
};
