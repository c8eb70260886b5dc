// The values the fidelity suites send through every client: the characters that encoders disagree on (space,
// `+`, `&`, `=`, `,`, `%`, `*`, `~`, quotes, `!`, `/`, `?`, `#`), Chinese text, and an address near the 512-character
// limit. Each shape is a complete SubmitIsvCustomerTerms field set apart from the space and the file name.

/** The text fields of one submission. */
export interface TermsText {
  readonly custName: string;
  readonly officeAddress: string;
  readonly businessDesc: string;
}

const LONG_ADDRESS = Array.from(
  { length: 12 },
  (_, i) => `Building ${i + 1}, No. ${100 + i} Wensan Road + Annex & Yard=${i}, 西湖区`,
)
  .join('; ')
  .slice(0, 500)
  .trim();

export const VALUE_SHAPES: Readonly<Record<string, TermsText>> = {
  spaces: {
    custName: 'Example Trading Ltd',
    officeAddress: '1 Harbour Road  Hangzhou',
    businessDesc: 'Marketing notifications for customers',
  },
  plus: { custName: 'A+B Holdings', officeAddress: 'Unit 3+4, 5 Bay Road', businessDesc: 'C++ and 1+1=2 support' },
  ampersandEquals: {
    custName: 'Smith & Sons = Best',
    officeAddress: 'a=b&c=d Lane 7',
    businessDesc: 'key=value&other=thing',
  },
  chinese: {
    custName: '杭州示例贸易有限公司',
    officeAddress: '浙江省杭州市西湖区文三路100号',
    businessDesc: '订单通知与客户服务（营销）',
  },
  commas: {
    custName: 'Acme, Inc.',
    officeAddress: 'Floor 3, Block B, 88 Road, Xihu District, Hangzhou, 310000',
    businessDesc: 'alerts, receipts, reminders',
  },
  specials: {
    custName: "O'Brien (Asia) Ltd!",
    officeAddress: '100% Road ~ *Tower* /2 ?#3',
    businessDesc: "tilde~star*quote'paren()bang!percent%25 slash/ question? hash#",
  },
  longAddress: {
    custName: 'Long Address Company Limited',
    officeAddress: LONG_ADDRESS,
    businessDesc: 'x'.repeat(300),
  },
};
