/** One row of a code table: the code, the vendor's description (title) and its suggestion or note (description). */
export interface CodeRow<T extends string | number = string | number> {
  readonly value: T;
  readonly title: string;
  readonly description: string;
}

export declare const lesspay: {
  readonly businessCodes: readonly CodeRow<number>[];
  readonly payoutBusinessCodes: readonly CodeRow<number>[];
  readonly httpStatuses: readonly CodeRow<number>[];
  readonly payoutHttpStatuses: readonly CodeRow<number>[];
  readonly orderStatusInt: readonly CodeRow<number>[];
  readonly orderStatusName: readonly CodeRow<string>[];
  readonly queryOrderMessages: readonly CodeRow<string>[];
};

export declare const payloco: {
  readonly resultCodes: readonly CodeRow<string>[];
  readonly statuses: readonly CodeRow<string>[];
};
