import type { CatalogChanges, ProductInput, TaxCategory } from '../../../shared/domain/catalog';
import { gtinCheckDigit } from '../../../shared/domain/gtin';
import { minorDigits } from '../../../shared/domain/money';

// The demo catalog a new terminal starts with: a few hundred products made up in code, the same on
// every run. Prices are written in hundredths and scaled to the store currency's minor unit.

const TAX: TaxCategory[] = [
  { id: 'standard', name: 'Standard 20 %', rateBp: 2000 },
  { id: 'reduced', name: 'Reduced 10 %', rateBp: 1000 },
  { id: 'food', name: 'Food 5.5 %', rateBp: 550 },
  { id: 'zero', name: 'Zero rate', rateBp: 0 },
];

/** [name, price in hundredths, weighed?, PLU for weighed goods]. */
type Item = [name: string, hundredths: number, weighed?: boolean, plu?: string];

interface Group {
  name: string;
  prefix: string;
  tax: string;
  items: Item[];
  /** Each item comes in these sizes (name suffix, price factor in percent); none means one size. */
  sizes?: [string, number][];
  /** Sold from the store's own counter: internal codes or none, no GTIN. */
  inStore?: boolean;
}

const GROUPS: Group[] = [
  {
    name: 'Fruit & vegetables',
    prefix: 'FRV',
    tax: 'food',
    items: [
      ['Bananas', 199, true, '4011'],
      ['Apples Gala', 289, true, '4133'],
      ['Apples Granny Smith', 319, true, '4139'],
      ['Pears Conférence', 349, true, '4409'],
      ['Oranges', 259, true, '4012'],
      ['Clementines', 329, true, '4450'],
      ['Lemons', 399, true, '4053'],
      ['Limes', 549, true, '4048'],
      ['Tomatoes on the vine', 449, true, '4664'],
      ['Cucumbers', 79],
      ['Carrots', 149, true, '4562'],
      ['Potatoes', 129, true, '4072'],
      ['Onions', 169, true, '4093'],
      ['Red peppers', 599, true, '4088'],
      ['Courgettes', 299, true, '4067'],
      ['Avocado', 129],
      ['Mango', 199],
      ['Pineapple', 299],
      ['Iceberg lettuce', 119],
      ['Broccoli', 349, true, '4060'],
      ['Mushrooms', 699, true, '4645'],
      ['Garlic', 899, true, '4608'],
      ['Jalapeño peppers', 1199, true, '4693'],
      ['Strawberries 500 g', 399],
      ['Blueberries 250 g', 349],
      ['Grapes white', 499, true, '4022'],
      ['Kiwi', 49],
      ['Watermelon', 149, true, '4032'],
    ],
  },
  {
    name: 'Bakery',
    prefix: 'BAK',
    tax: 'food',
    inStore: true,
    items: [
      ['Baguette', 119],
      ['Pain de campagne', 349],
      ['Croissant', 109],
      ['Pain au chocolat', 129],
      ['Sourdough loaf', 429],
      ['Rye bread', 389],
      ['Brioche', 299],
      ['Wholemeal rolls 6 pcs', 249],
      ['Pretzel', 99],
      ['Apple turnover', 179],
      ['Cinnamon roll', 219],
      ['Muffin blueberry', 199],
      ['Éclair au café', 249],
      ['Tarte aux pommes', 1299],
      ['Focaccia', 329],
    ],
  },
  {
    name: 'Dairy',
    prefix: 'DAI',
    tax: 'food',
    items: [
      ['Whole milk', 109],
      ['Semi-skimmed milk', 99],
      ['Oat drink', 219],
      ['Butter unsalted', 279],
      ['Butter salted', 279],
      ['Crème fraîche', 189],
      ['Plain yoghurt', 149],
      ['Greek yoghurt', 299],
      ['Fromage blanc', 199],
      ['Mozzarella', 139],
      ['Emmental grated', 249],
      ['Camembert', 259],
      ['Comté', 2490, true],
      ['Gruyère', 2290, true],
      ['Eggs free range', 329],
    ],
    sizes: [
      ['', 100],
      ['family size', 185],
    ],
  },
  {
    name: 'Meat & fish',
    prefix: 'MEA',
    tax: 'food',
    inStore: true,
    items: [
      ['Chicken breast', 1290, true],
      ['Beef mince 5 %', 1190, true],
      ['Pork chops', 990, true],
      ['Lamb leg', 1890, true],
      ['Salmon fillet', 2490, true],
      ['Cod fillet', 2190, true],
      ['Prawns cooked', 2990, true],
      ['Ham sliced', 1990, true],
      ['Salami', 2490, true],
      ['Pâté de campagne', 1590, true],
      ['Sausages Toulouse', 1090, true],
      ['Turkey escalope', 1390, true],
    ],
  },
  {
    name: 'Drinks',
    prefix: 'DRK',
    tax: 'reduced',
    items: [
      ['Still water', 45],
      ['Sparkling water', 55],
      ['Orange juice', 189],
      ['Apple juice', 169],
      ['Cola', 129],
      ['Cola zero', 129],
      ['Lemonade', 109],
      ['Iced tea peach', 119],
      ['Tonic water', 139],
      ['Ginger ale', 149],
    ],
    sizes: [
      ['0.5 l', 100],
      ['1 l', 170],
      ['1.5 l', 220],
      ['6 × 1.5 l', 1150],
    ],
  },
  {
    name: 'Wine & beer',
    prefix: 'ALC',
    tax: 'standard',
    items: [
      ['Bière blonde 6 × 25 cl', 499],
      ['Pale ale 33 cl', 219],
      ['Lager 50 cl', 149],
      ['Stout 44 cl', 239],
      ['Cidre brut 75 cl', 349],
      ['Côtes du Rhône rouge', 799],
      ['Bordeaux supérieur', 1199],
      ['Sauvignon blanc', 899],
      ['Rosé de Provence', 999],
      ['Champagne brut', 2999],
      ['Prosecco', 1099],
      ['Riesling trocken', 949],
    ],
  },
  {
    name: 'Pantry',
    prefix: 'PAN',
    tax: 'food',
    items: [
      ['Spaghetti', 119],
      ['Penne rigate', 119],
      ['Basmati rice', 249],
      ['Risotto rice', 299],
      ['Plain flour', 89],
      ['Caster sugar', 129],
      ['Olive oil extra virgin', 899],
      ['Sunflower oil', 299],
      ['Tomato passata', 149],
      ['Chopped tomatoes', 79],
      ['Chickpeas', 99],
      ['Red lentils', 229],
      ['Café moulu', 449],
      ['Espresso beans', 899],
      ['Tea English breakfast', 279],
      ['Müsli', 329],
      ['Porridge oats', 149],
      ['Honey', 549],
      ['Strawberry jam', 259],
      ['Peanut butter', 299],
    ],
    sizes: [
      ['', 100],
      ['large', 175],
    ],
  },
  {
    name: 'Frozen',
    prefix: 'FRZ',
    tax: 'food',
    items: [
      ['Garden peas', 189],
      ['Spinach leaves', 199],
      ['French fries', 249],
      ['Fish fingers', 349],
      ['Pizza margherita', 299],
      ['Vanilla ice cream', 449],
      ['Chocolate ice cream', 449],
      ['Mixed berries', 399],
      ['Veggie burgers', 379],
      ['Croissants to bake', 429],
    ],
    sizes: [
      ['', 100],
      ['family pack', 180],
    ],
  },
  {
    name: 'Snacks & sweets',
    prefix: 'SNK',
    tax: 'reduced',
    items: [
      ['Salted crisps', 169],
      ['Paprika crisps', 169],
      ['Tortilla chips', 199],
      ['Salted peanuts', 219],
      ['Milk chocolate bar', 149],
      ['Dark chocolate 70 %', 229],
      ['Gummy bears', 139],
      ['Butter biscuits', 179],
      ['Chocolate cookies', 249],
      ['Popcorn sweet', 159],
      ['Cereal bars', 279],
      ['Liquorice', 129],
    ],
    sizes: [
      ['', 100],
      ['sharing bag', 190],
    ],
  },
  {
    name: 'Household',
    prefix: 'HOU',
    tax: 'standard',
    items: [
      ['Washing-up liquid', 179],
      ['Dishwasher tablets 30 pcs', 699],
      ['Laundry detergent', 1099],
      ['Fabric softener', 399],
      ['Toilet paper 8 rolls', 449],
      ['Kitchen towels 2 rolls', 279],
      ['Bin bags 30 l', 249],
      ['All-purpose cleaner', 229],
      ['Sponges 5 pcs', 149],
      ['Aluminium foil', 259],
      ['Cling film', 199],
      ['Light bulb LED E27', 499],
      ['AA batteries 4 pcs', 599],
      ['Matches', 99],
      ['Candles tealight 30 pcs', 349],
    ],
    sizes: [
      ['', 100],
      ['value pack', 240],
    ],
  },
  {
    name: 'Personal care',
    prefix: 'PER',
    tax: 'standard',
    items: [
      ['Toothpaste', 219],
      ['Toothbrush medium', 249],
      ['Shampoo', 349],
      ['Conditioner', 349],
      ['Shower gel', 249],
      ['Hand soap', 179],
      ['Deodorant', 299],
      ['Sun cream SPF 30', 899],
      ['Cotton pads', 129],
      ['Tissues 10 packs', 199],
    ],
    sizes: [
      ['', 100],
      ['travel size', 55],
    ],
  },
  {
    name: 'Newspapers & books',
    prefix: 'PRS',
    tax: 'zero',
    items: [
      ['Daily newspaper', 250],
      ['Weekend newspaper', 400],
      ['Weekly magazine', 450],
      ['Crossword book', 599],
      ['Children’s picture book', 899],
    ],
  },
];

function withCheckDigit(body: string): string {
  return `${body}${gtinCheckDigit(body)}`;
}

/** Most goods carry an EAN-13; some imported ones a UPC-A, some small packs an EAN-8. */
function gtinFor(serial: number): string {
  if (serial % 17 === 0) return withCheckDigit(`03600${String(serial).padStart(6, '0')}`.slice(-11));
  if (serial % 23 === 0) return withCheckDigit(`96${String(serial).padStart(5, '0')}`);
  return withCheckDigit(`400912${String(serial).padStart(6, '0')}`);
}

function scalePrice(hundredths: number, currency: string): number {
  const digits = minorDigits(currency);
  return digits >= 2 ? hundredths * 10 ** (digits - 2) : hundredths;
}

function productsOf(group: Group, currency: string, serial: { next: number }): ProductInput[] {
  const sizes = group.sizes ?? [['', 100]];
  const products: ProductInput[] = [];
  group.items.forEach(([name, hundredths, weighed, plu], i) => {
    for (const [suffix, factor] of weighed ? [['', 100] as [string, number]] : sizes) {
      const n = products.length + 1;
      const sku = `${group.prefix}-${String(n).padStart(3, '0')}`;
      const barcodes = weighed
        ? plu
          ? [plu]
          : []
        : group.inStore
          ? i % 3 === 0
            ? [`${group.prefix}${String(n).padStart(4, '0')}`]
            : []
          : [gtinFor(serial.next++)];
      products.push({
        sku,
        name: suffix ? `${name} ${suffix}` : name,
        group: group.name,
        priceMinor: scalePrice(Math.round((hundredths * factor) / 100) - (factor === 100 ? 0 : 1), currency),
        taxCategoryId: group.tax,
        soldBy: weighed ? 'weight' : 'unit',
        barcodes,
        // A few lines the store no longer sells, so the register has inactive products to refuse.
        active: n % 29 !== 0,
      });
    }
  });
  return products;
}

export function demoCatalog(currency: string): CatalogChanges {
  const serial = { next: 1 };
  return { taxCategories: TAX, upsert: GROUPS.flatMap((group) => productsOf(group, currency, serial)), remove: [] };
}
