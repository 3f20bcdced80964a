ALTER TABLE "Order" ADD CONSTRAINT "Order_total_check" CHECK ("total" >= 0); -- fires
ALTER TABLE "Order"
  ADD CONSTRAINT "Order_qty_check" CHECK ("qty" > 0); -- fires

ALTER TABLE "Order" ADD CONSTRAINT "Order_price_check" CHECK ("price" >= 0) NOT VALID;
CREATE TABLE "Box" ("w" INTEGER NOT NULL);
ALTER TABLE "Box" ADD CONSTRAINT "Box_w_check" CHECK ("w" > 0);
