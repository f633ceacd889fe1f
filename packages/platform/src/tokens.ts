export const SERVICE_NAME = Symbol('placewise:service-name');
export const ENV = Symbol('placewise:env');
