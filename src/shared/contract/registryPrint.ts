import { z } from 'zod';
import { IsoDate } from './registry';

/** The bound books printed from the registry: the four registers, transfers and copies. */
export const PRINT_REGISTERS = ['in', 'out', 'secret-in', 'secret-out', 'transfer', 'copy'] as const;
export const PrintRegister = z.enum(PRINT_REGISTERS);
export type PrintRegister = z.infer<typeof PrintRegister>;

/** A year's book, or part of it: from/to default to 1 January and 31 December of the year. */
export const PrintRegisterInput = z
  .object({
    register: PrintRegister,
    year: z.number().int().min(2000).max(2100),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
  })
  .refine((i) => [i.from, i.to].every((d) => d === undefined || d.startsWith(`${i.year}-`)), {
    message: 'from and to must fall within the year',
    path: ['from'],
  })
  .refine((i) => !i.from || !i.to || i.from <= i.to, { message: 'from is after to', path: ['to'] });
